#!/usr/bin/env python3
"""Scans every public output (out/site) for strings that must never be published: text files as
they are (HTML entities decoded, non-breaking spaces as spaces), PDFs through pdftotext, XLSX
through their XML. Usage: scan_public.py OUT_SITE MARKERS_FILE. Exit 1 when any is found."""
import html, os, re, subprocess, sys, zipfile

root, markers_file = sys.argv[1], sys.argv[2]
markers = [l.strip() for l in open(markers_file, encoding='utf-8') if l.strip() and not l.startswith('#')]
assert markers, 'no markers'

def texts(path):
    if path.endswith('.pdf'):
        yield subprocess.run(['pdftotext', '-q', path, '-'], capture_output=True, check=True).stdout.decode('utf-8', 'replace')
    elif path.endswith('.xlsx'):
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                yield z.read(n).decode('utf-8', 'replace')
    else:
        data = open(path, 'rb').read()
        try:
            yield data.decode('utf-8')
        except UnicodeDecodeError:
            return

found, scanned = [], 0
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        scanned += 1
        for t in texts(p):
            t = html.unescape(t).replace('\u00a0', ' ').replace('\u202f', ' ')
            t = re.sub(r'\s+', ' ', t)
            for m in markers:
                if m in t:
                    found.append(f'{os.path.relpath(p, root)}: «{m}»')
print(f'scan_public: {scanned} files, {len(markers)} markers, {len(found)} leaks')
for x in found:
    print('  ' + x)
sys.exit(1 if found or scanned == 0 else 0)
