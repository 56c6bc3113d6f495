import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLogFormat, isInputError } from '../src/index.js';

const fixture = (name: string): string[] =>
  readFileSync(new URL(`../fixtures/records/${name}`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '');

describe('compileLogFormat', () => {
  it('lists the fields of the format in order, Content included', () => {
    expect(compileLogFormat('<Date> <Time> <Pid> <Level> <Component>: <Content>').fields).toEqual([
      'Date', 'Time', 'Pid', 'Level', 'Component', 'Content',
    ]);
  });

  it('splits an HDFS-like line into header fields and content, and rejects a line without the header', () => {
    const format = compileLogFormat('<Date> <Time> <Pid> <Level> <Component>: <Content>');
    const [first, second, third, fourth] = fixture('loghub-like.log').map((line) => format.parse(line));
    expect(first).toEqual({
      fields: { Date: '081109', Time: '203615', Pid: '148', Level: 'INFO', Component: 'dfs.DataNode$PacketResponder' },
      content: 'PacketResponder 1 for block blk_3886 terminating',
    });
    // The component is the shortest prefix followed by ": ", as with loghub's lazy groups.
    expect(second?.fields['Component']).toBe('dfs.FSNamesystem');
    expect(second?.content).toBe('BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.31.85:50010');
    expect(third).toBeUndefined();
    expect(fourth?.content).toBe('leading spaces are part of the separator');
  });

  it('matches escaped brackets and optional groups, leaving an absent optional field empty', () => {
    const format = compileLogFormat('<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>');
    expect(format.parse('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; uid=0')).toEqual({
      fields: { Month: 'Jun', Date: '14', Time: '15:16:01', Level: 'combo', Component: 'sshd(pam_unix)', PID: '19939' },
      content: 'authentication failure; uid=0',
    });
    expect(format.parse('Jun 15 04:06:18 combo syslogd 1.4.1: restart.')).toEqual({
      fields: { Month: 'Jun', Date: '15', Time: '04:06:18', Level: 'combo', Component: 'syslogd 1.4.1', PID: '' },
      content: 'restart.',
    });
  });

  it('handles literal separators such as pipes and a bracketed header with spaces inside', () => {
    expect(compileLogFormat('<Time>\\|<Component>\\|<Pid>\\|<Content>').parse('20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579')?.content)
      .toBe('onStandStepChanged 3579');
    const apache = compileLogFormat('\\[<Time>\\] \\[<Level>\\] <Content>').parse('[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok');
    expect(apache?.fields).toEqual({ Time: 'Sun Dec 04 04:47:44 2005', Level: 'notice' });
    expect(apache?.content).toBe('workerEnv.init() ok');
  });

  it('gives back whitespace between two fields the way a backtracking regex does', () => {
    // Three separators are needed but the line has only two whitespace runs: the double space is split.
    expect(compileLogFormat('<A> <B> <Content>').parse('x  y')).toEqual({ fields: { A: 'x', B: '' }, content: 'y' });
  });

  it('falls back to the plain expression for a repeated group that holds a field', () => {
    expect(compileLogFormat('<Level>(:<Code>)+ <Content>').parse('E:1:2 boom')).toEqual({ fields: { Level: 'E', Code: '2' }, content: 'boom' });
  });

  it('rejects a long line that cannot match without hanging', () => {
    const format = compileLogFormat('<L> <T> <D> <U> <M> <Dy> <Tm> <Loc> <Component>(\\[<PID>\\])?: <Content>');
    expect(format.parse(`a: a: ${'word '.repeat(5000)}x:y`)).toBeUndefined();
  });

  it('parses the first line of each of the 16 loghub systems with its format', () => {
    const cases = JSON.parse(readFileSync(new URL('../fixtures/records/loghub-formats.json', import.meta.url), 'utf8')) as Array<{ format: string; line: string; content: string }>;
    expect(cases).toHaveLength(16);
    for (const { format, line, content } of cases) expect(compileLogFormat(format).parse(line)?.content).toBe(content);
  });

  it('matches a repeated group that holds a field in linear time, with the last iteration\'s capture', () => {
    const format = compileLogFormat('(<A>,)*<B>;<Content>');
    // A backtracking regex takes exponential time here (52 characters: 274 ms; 80: hours).
    expect(format.parse('a,'.repeat(40))).toBeUndefined();
    expect(format.parse('a,'.repeat(30000))).toBeUndefined();
    expect(format.parse(`${'a,'.repeat(30000)}z,b;msg`)).toEqual({ fields: { A: 'z', B: 'b' }, content: 'msg' });
    expect(compileLogFormat('(a<A>|b<B>)+;<Content>').parse('a1b2;m')).toEqual({ fields: { A: '', B: '2' }, content: 'm' });
    expect(compileLogFormat('(<A>,){2}<Content>').parse('1,2,3')).toEqual({ fields: { A: '2' }, content: '3' });
  });

  it('rejects long lines that do not match quickly', () => {
    const format = compileLogFormat('<A> <B> <C> <D> <E> <F> <G> <H> <I> <J> <K> <L>: <Content>');
    const line = 'a '.repeat(32768);
    const started = performance.now();
    for (let i = 0; i < 4; i++) expect(format.parse(line)).toBeUndefined();
    // About 0.4 s; a Set of failed states took 4.5 s.
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('parses a format with 1,000 fields and refuses one with more', () => {
    const fields = (count: number): string => `${Array.from({ length: count - 1 }, (_, i) => `<F${i}>`).join(' ')} <Content>`;
    expect(compileLogFormat(fields(1000)).parse(`${'x '.repeat(999)}y`)?.content).toBe('y');
    let caught: unknown;
    try {
      compileLogFormat(fields(3000)).parse(`${'x '.repeat(2999)}y`);
    } catch (error) {
      caught = error;
    }
    expect(isInputError(caught) && caught.code === 'E_FORMAT').toBe(true);
  });

  it('keeps a field named __proto__', () => {
    const parsed = compileLogFormat('<__proto__> <Content>').parse('x y');
    expect(Object.keys(parsed!.fields)).toEqual(['__proto__']);
    expect(parsed!.fields['__proto__']).toBe('x');
  });

  it.each([
    ['an empty format', ''],
    ['a format without <Content>', '<Date> <Time>'],
    ['a duplicated field', '<Date> <Date> <Content>'],
    ['an unclosed group', '(<Date> <Content>'],
    ['an unbalanced parenthesis', '<Date>) <Content>'],
    ['a trailing backslash', '<Content>\\'],
    ['an invalid field name', '<Da te> <Content>'],
    ['a repeat count too large', '<Date>{99999999999} <Content>'],
    ['a group repeated into too many copies', '(<A>,){4000}<Content>'],
    ['a "|" outside any group', '<A> x|y <Content>'],
    ['fields in a lookahead', '(?=<A>)<Content>'],
  ])('throws an InputError with code E_FORMAT for %s', (_, format) => {
    let caught: unknown;
    try {
      compileLogFormat(format);
    } catch (error) {
      caught = error;
    }
    expect(isInputError(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe('E_FORMAT');
  });
});
