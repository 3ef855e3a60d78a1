import { lastValueFrom, of, toArray } from 'rxjs';
import { z } from 'zod';
import { OutputParserError, OutputParserException, StructuredOutputParser } from 'rxchain';
import { ScriptedChatModel } from 'rxchain/testing';
import { eventsOf } from '../support/streamEvents';

const Country = z.object({ name: z.string(), population: z.number() });

describe('StructuredOutputParser', () => {
  it('should stream partial values and end with the validated value', async () => {
    const parser = StructuredOutputParser.fromZodSchema(Country);
    const values = await lastValueFrom(
      parser.stream$(of('{"name": "Sp', 'ain", "population": 47350000}')).pipe(toArray()),
    );
    expect(values).toEqual([{ name: 'Sp' }, { name: 'Spain', population: 47350000 }]);
  });

  it('should fail with OutputParserError listing the issues and keeping the raw text', async () => {
    const raw = '{"name": 42}';
    const error = await StructuredOutputParser.fromZodSchema(Country)
      .invoke(raw)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputParserException);
    expect((error as OutputParserError).llmOutput).toBe(raw);
    expect((error as Error).message).toMatch(/name: /);
    expect((error as Error).message).toMatch(/population: /);
    expect((error as Error).cause).toBeInstanceOf(z.ZodError);
  });

  it('should report the value the schema returns when it transforms it', async () => {
    const WithDefault = z.object({ name: z.string(), tags: z.array(z.string()).default([]) });
    const values = await lastValueFrom(
      StructuredOutputParser.fromZodSchema(WithDefault).stream$(of('{"name": "x"}')).pipe(toArray()),
    );
    expect(values.at(-1)).toEqual({ name: 'x', tags: [] });
    expect(await StructuredOutputParser.fromZodSchema(WithDefault).invoke('{"name": "x"}')).toEqual({
      name: 'x',
      tags: [],
    });
  });

  it('should describe the schema for the prompt', () => {
    const instructions = StructuredOutputParser.fromZodSchema(Country).getFormatInstructions();
    expect(instructions).toMatch(/JSON Schema/);
    expect(instructions).toContain('"population"');
  });

  describe('withStructuredOutput', () => {
    it('should ask the model for JSON and stream the parsed value', async () => {
      const model = new ScriptedChatModel({ responses: ['{"name": "Japan", "population": 125800000}'], split: 'char' });
      const structured = model.withStructuredOutput(Country);
      const values = await lastValueFrom(structured.stream$('Which country?').pipe(toArray()));
      expect(values.length).toBeGreaterThan(5);
      expect(values.at(-1)).toEqual({ name: 'Japan', population: 125800000 });
      const [system, human] = model.calls[0]?.messages ?? [];
      expect(system?.type).toBe('system');
      expect(system?.text).toContain('"population"');
      expect(human?.text).toBe('Which country?');
    });

    it('should report its steps in events under one named run', async () => {
      const model = new ScriptedChatModel({ responses: ['{"name": "Japan", "population": 1}'], name: 'model' });
      const events = await eventsOf(model.withStructuredOutput(Country), 'q');
      const starts = events.filter((e) => e.event.endsWith('_start')).map((e) => e.name);
      expect(starts).toEqual(['StructuredOutput', 'RunnableLambda', 'model', 'StructuredOutputParser']);
    });

    it('should fail with OutputParserException, keeping the raw reply, when the reply misses the schema', async () => {
      const model = new ScriptedChatModel({ responses: ['{"name": "Japan"}'] });
      const error = await model
        .withStructuredOutput(Country)
        .invoke('q')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputParserException);
      expect((error as OutputParserException).llmOutput).toBe('{"name": "Japan"}');
      expect((error as Error).message).toMatch(/population: /);
    });
  });
});
