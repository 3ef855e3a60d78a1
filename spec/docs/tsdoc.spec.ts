import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

interface ExportDoc {
  readonly name: string;
  readonly isValue: boolean;
  readonly hasSummary: boolean;
  readonly hasExample: boolean;
}

function documentedExports(entry: string): ExportDoc[] {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    types: [],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.getDeclarations() ?? [];
    const tags = declarations.flatMap((d) => ts.getJSDocTags(d));
    const summary = symbol.getDocumentationComment(checker);
    return {
      name: exported.getName(),
      isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0,
      hasSummary: ts.displayPartsToString(summary).trim().length > 0,
      hasExample: tags.some((tag) => tag.tagName.text === 'example'),
    };
  });
}

describe.each([
  ['rxchain', join(root, 'lib', 'index.ts')],
  ['rxchain/testing', join(root, 'lib', 'testing', 'index.ts')],
])('the public surface of %s', (_name, entry) => {
  const exported = documentedExports(entry);

  it('should export something', () => {
    expect(exported.length).toBeGreaterThan(0);
  });

  it('should give every export a TSDoc summary', () => {
    expect(exported.filter((e) => !e.hasSummary).map((e) => e.name)).toEqual([]);
  });

  it('should give every class, function and constant an @example', () => {
    expect(exported.filter((e) => e.isValue && !e.hasExample).map((e) => e.name)).toEqual([]);
  });
});
