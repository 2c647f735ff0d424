#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repository's own test cases (run by scripts/fuzz; output is gitignored).

  math:  every string literal of Tests/AssayMathTests/*.swift (pairs on one line become completion\\0gold),
         the completions of examples/*.jsonl and problemsets/*.jsonl (first few hundred)
  rules: rules/*.yaml, and the YAML literals of Tests/AssayCoreTests/*.swift and Tests/AssayMathTests/*.swift
Usage: make-seeds.py ROOT OUTDIR   (writes OUTDIR/math and OUTDIR/rules, one file per seed, named by SHA-1)
"""
import glob, hashlib, json, os, re, sys

root, out = sys.argv[1], sys.argv[2]
MAX = 4096  # libFuzzer's default -max_len

# Swift literals: raw #"..."#, multi-line """...""", plain "...".
LIT = re.compile(r'#"((?:[^"]|"(?!#))*)"#|"""\n(.*?)\n\s*"""|"((?:[^"\\\n]|\\.)*)"', re.S)
ESC = {'n': '\n', 't': '\t', 'r': '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'"}


def unescape(s):
    def rep(m):
        c = m.group(1)
        if c.startswith('u{'):
            try:
                return chr(int(c[2:-1], 16))
            except ValueError:
                return ''
        return ESC.get(c, c)
    return re.sub(r'\\(u\{[0-9a-fA-F]+\}|.)', rep, s)


def dedent(block):
    lines = block.split('\n')
    indent = min((len(l) - len(l.lstrip(' ')) for l in lines if l.strip()), default=0)
    return '\n'.join(l[indent:] for l in lines)


def literals(text):
    """(line number, value) of every literal."""
    for m in LIT.finditer(text):
        line = text.count('\n', 0, m.start())
        if m.group(1) is not None:
            yield line, m.group(1)
        elif m.group(2) is not None:
            yield line, unescape(dedent(m.group(2)))
        else:
            yield line, unescape(m.group(3))


def write(kind, data):
    data = data[:MAX]
    if not data:
        return
    d = os.path.join(out, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


for path in sorted(glob.glob(os.path.join(root, 'Tests/AssayMathTests/*.swift'))):
    by_line = {}
    for line, value in literals(open(path, encoding='utf-8').read()):
        by_line.setdefault(line, []).append(value)
        write('math', b'\x00' + value.encode())
    for values in by_line.values():
        for a, b in zip(values, values[1:]):
            write('math', b'\x00' + a.encode() + b'\x00' + b.encode())
            write('math', b'\x00' + b.encode() + b'\x00' + a.encode())
for pattern in ('examples/*.jsonl', 'problemsets/*.jsonl'):
    for path in sorted(glob.glob(os.path.join(root, pattern))):
        for n, line in enumerate(open(path, encoding='utf-8')):
            if n >= 200:
                break
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if not isinstance(item, dict):
                continue
            gold = str(item.get('answer') or item.get('gold') or '')
            completions = item.get('completions') or [item.get('completion')]
            for completion in completions[:4] if isinstance(completions, list) else []:
                if isinstance(completion, str):
                    write('math', b'\x00' + completion.encode() + b'\x00' + gold.encode())

for path in sorted(glob.glob(os.path.join(root, 'rules/*.yaml'))):
    write('rules', open(path, 'rb').read())
for path in sorted(glob.glob(os.path.join(root, 'Tests/AssayCoreTests/*.swift')) +
                   glob.glob(os.path.join(root, 'Tests/AssayMathTests/*.swift'))):
    for _, value in literals(open(path, encoding='utf-8').read()):
        if re.search(r'^\s*(components|routes|name|description):', value, re.M):
            write('rules', value.encode())

for kind in ('math', 'rules'):
    d = os.path.join(out, kind)
    print(f'seeds {kind}: {len(os.listdir(d)) if os.path.isdir(d) else 0} files')
