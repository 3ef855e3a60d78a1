import { NEVER, catchError, of } from 'rxjs';
import {
  AbortError,
  EventStreamError,
  InvalidArgumentError,
  JsonPatchError,
  MissingPromptVariableError,
  ProviderResponseError,
  OutputParserError,
  PromptTemplate,
  PromptTemplateError,
  RecursionLimitError,
  RemoteRunError,
  RunnableLambda,
  RxchainError,
  TimeoutError,
  ToolInputError,
} from 'rxchain';
import { createTestScheduler } from 'rxchain/testing';

describe('errors', () => {
  describe.each([
    ['AbortError', new AbortError()],
    ['InvalidArgumentError', new InvalidArgumentError('timeout', 'timeout must be positive.')],
    ['MissingPromptVariableError', new MissingPromptVariableError('topic', [])],
    ['OutputParserError', new OutputParserError('Expected JSON', 'oops')],
    ['PromptTemplateError', new PromptTemplateError('{', 0, 'unmatched "{"')],
    ['RecursionLimitError', new RecursionLimitError('loop', 25)],
    ['TimeoutError', new TimeoutError('slow', 100)],
  ] as const)('%s', (name, error) => {
    it('should have a fixed name', () => {
      expect(error.name).toBe(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    });

    it('should be an RxchainError and an Error with a stack', () => {
      expect(error).toBeInstanceOf(RxchainError);
      expect(error).toBeInstanceOf(Error);
      expect(error.stack).toEqual(expect.any(String));
    });
  });

  describe('isRetryable', () => {
    it.each([
      ['AbortError', new AbortError(), false],
      ['InvalidArgumentError', new InvalidArgumentError('timeout', 'bad'), false],
      ['MissingPromptVariableError', new MissingPromptVariableError('topic', []), false],
      ['PromptTemplateError', new PromptTemplateError('{', 0, 'unmatched "{"'), false],
      ['RecursionLimitError', new RecursionLimitError('loop', 25), false],
      ['ToolInputError', new ToolInputError('add', []), false],
      ['JsonPatchError', new JsonPatchError('no parent', 0, { op: 'add', path: '/a/b' }, '/a/b'), false],
      ['ProviderResponseError', new ProviderResponseError('http://x/v1', 'a data line is not JSON', 'data: {'), true],
      ['TimeoutError', new TimeoutError('slow', 100), true],
      ['OutputParserError', new OutputParserError('Expected JSON', 'oops'), true],
      ['EventStreamError', new EventStreamError('cut'), true],
      ['RemoteRunError of a TypeError', new RemoteRunError('TypeError', 'x'), true],
      ['RemoteRunError of a MissingPromptVariableError', new RemoteRunError('MissingPromptVariableError', 'x'), false],
    ] as const)('%s should say whether retrying may help', (_name, error, retryable) => {
      expect(error.isRetryable).toBe(retryable);
    });
  });

  describe('RxchainError', () => {
    it('should have its name and pass the cause on', () => {
      const cause = new Error('root');
      const error = new RxchainError('wrapped', { cause });
      expect(error.name).toBe('RxchainError');
      expect(error.message).toBe('wrapped');
      expect(error.cause).toBe(cause);
    });
  });

  describe('AbortError', () => {
    it('should have a default message and take a reason and cause', () => {
      expect(new AbortError().message).toBe('The run was aborted.');
      const error = new AbortError('stopped by the user', { cause: 'user' });
      expect(error.message).toBe('stopped by the user');
      expect(error.cause).toBe('user');
    });

    it('should reject a run whose signal is aborted with a non-Error reason', async () => {
      const controller = new AbortController();
      controller.abort('user left');
      const error = await RunnableLambda.from((x: string) => x)
        .invoke('x', { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toBe('user left');
      expect((error as AbortError).cause).toBe('user left');
    });
  });

  describe('AbortError from the platform reasons', () => {
    it('should reject a run aborted without a reason with an AbortError caused by the DOMException', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await RunnableLambda.from((x: string) => x)
        .invoke('x', { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toBe('The run was aborted.');
      expect((error as AbortError).cause).toBe(controller.signal.reason);
    });

    it('should reject a run whose signal timed out with an AbortError saying so', async () => {
      // What AbortSignal.timeout() aborts with.
      const controller = new AbortController();
      controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      const error = await RunnableLambda.from((x: string) => x)
        .invoke('x', { signal: controller.signal })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toBe('The run was aborted: The operation timed out.');
    });

    it('should pass an Error reason of the caller through as it is', async () => {
      const controller = new AbortController();
      const reason = new RangeError('enough');
      controller.abort(reason);
      await expect(RunnableLambda.from((x: string) => x).invoke('x', { signal: controller.signal })).rejects.toBe(
        reason,
      );
    });
  });

  describe('InvalidArgumentError', () => {
    it('should name the argument and keep the message', () => {
      const error = new InvalidArgumentError('maxConcurrency', 'maxConcurrency must be a positive integer, got 0.');
      expect(error.argument).toBe('maxConcurrency');
      expect(error.message).toBe('maxConcurrency must be a positive integer, got 0.');
    });

    it('should reject a run with an invalid option, saying what is expected', async () => {
      const error = await RunnableLambda.from((x: number) => x)
        .invoke(1, { timeout: -5 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('timeout');
      expect((error as Error).message).toMatch(/positive number of milliseconds, got -5/);
    });
  });

  describe('MissingPromptVariableError', () => {
    it('should name the variable and the given ones, and say how to fix it', () => {
      const error = new MissingPromptVariableError('topic', ['subject', 'tone']);
      expect(error.variableName).toBe('topic');
      expect(error.givenVariables).toEqual(['subject', 'tone']);
      expect(error.message).toBe(
        'Missing value for prompt variable "topic" (variables given: "subject", "tone"). Pass { topic: ... } to invoke().',
      );
    });

    it('should say none when no variables were given', () => {
      expect(new MissingPromptVariableError('topic', []).message).toMatch(/variables given: none/);
    });

    it('should reach the caller as a rejection of invoke', async () => {
      const error = await PromptTemplate.fromTemplate('{topic}')
        .invoke({ subject: 'cats' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingPromptVariableError);
      expect((error as MissingPromptVariableError).givenVariables).toEqual(['subject']);
    });
  });

  describe('OutputParserError', () => {
    it('should keep the raw output and show it in the message', () => {
      const error = new OutputParserError('Expected JSON', 'not json at all');
      expect(error.llmOutput).toBe('not json at all');
      expect(error.message).toBe('Expected JSON. Output was: "not json at all"');
    });

    it('should show at most 200 characters but keep the whole output', () => {
      const raw = 'x'.repeat(250);
      const error = new OutputParserError('Expected JSON', raw);
      expect(error.llmOutput).toBe(raw);
      expect(error.message).toContain(`"${'x'.repeat(200)}… (250 characters)"`);
      expect(error.message).not.toContain('x'.repeat(201));
    });

    it('should pass the cause on', () => {
      const cause = new SyntaxError('Unexpected token');
      expect(new OutputParserError('Expected JSON', '{', { cause }).cause).toBe(cause);
    });
  });

  describe('PromptTemplateError', () => {
    it('should keep the template and position, and say how to write braces', () => {
      const error = new PromptTemplateError('Hello {name', 6, 'unmatched "{"');
      expect(error.template).toBe('Hello {name');
      expect(error.position).toBe(6);
      expect(error.message).toBe(
        'Invalid prompt template at position 6: unmatched "{". Write a literal brace as "{{" or "}}" and a variable as {name}.',
      );
    });

    it('should be thrown when a template is built', () => {
      expect(() => PromptTemplate.fromTemplate('Hello {name')).toThrow(PromptTemplateError);
    });
  });

  describe('RecursionLimitError', () => {
    it('should name the run and limit, and say how to fix it', () => {
      const error = new RecursionLimitError('loop', 5);
      expect(error.runName).toBe('loop');
      expect(error.limit).toBe(5);
      expect(error.message).toMatch(/Recursion limit of 5 reached in "loop"/);
      expect(error.message).toMatch(/raise the recursionLimit option/);
    });
  });

  describe('TimeoutError', () => {
    it('should name the run, the milliseconds and the limit, and say how to fix it', () => {
      const error = new TimeoutError('slow', 100, 'idleTimeout');
      expect(error.runName).toBe('slow');
      expect(error.milliseconds).toBe(100);
      expect(error.limit).toBe('idleTimeout');
      expect(error.message).toBe(
        'Run "slow" exceeded its idleTimeout of 100 ms. Raise the idleTimeout option or make the step faster.',
      );
    });

    it('should default the limit to timeout', () => {
      expect(new TimeoutError('slow', 100).limit).toBe('timeout');
    });

    it('should be raised on the error channel when a run exceeds its timeout', () => {
      createTestScheduler().run(({ expectObservable }) => {
        const stuck = RunnableLambda.fromOperator(() => NEVER);
        const outcome$ = stuck
          .stream$('x', { timeout: 10 })
          .pipe(catchError((e: unknown) => of(e instanceof TimeoutError ? `${e.limit} ${e.milliseconds}` : 'other')));
        expectObservable(outcome$).toBe('10ms (t|)', { t: 'timeout 10' });
      });
    });
  });
});
