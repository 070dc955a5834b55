#!/usr/bin/env python3
"""Scans every public output for strings that must never be published.

Usage: scan_public.py [--private] [--self-test] OUT MARKERS_FILE [MORE_MARKERS_FILE…]

OUT is the build's out/ folder (then out/site/ and out/manifest.json are public, out/private/ is
not) or a public folder itself (the older usage: out/site). Text files are scanned as they are
(HTML entities decoded, non-breaking spaces as spaces, runs of white space as one), PDFs through
their text layer (pdftotext), XLSX through every XML part inside the zip. Exit 1 when any marker is
found, or when nothing was scanned.

--private    also require that every marker of the FIRST markers file is in some private workbook
             of OUT/private (the fixture really planted it, so its absence in public is meaningful).
--self-test  first prove that the scan can fail: copy the public outputs, plant a marker in one file
             of each kind (HTML page, PDF, XLSX, sitemap, feed, search index, manifest), once with a
             non-breaking space inside a name, and expect each planted file, and only those, to be
             reported.
"""
import html, os, re, shutil, subprocess, sys, tempfile, zipfile


def load_markers(path):
    return [l.strip() for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]


def texts(path):
    if path.endswith('.pdf'):
        yield subprocess.run(['pdftotext', '-q', '-enc', 'UTF-8', path, '-'], capture_output=True,
                             check=True).stdout.decode('utf-8', 'replace')
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


def normalise(t):
    t = html.unescape(t).replace('\u00a0', ' ').replace('\u202f', ' ')
    return re.sub(r'\s+', ' ', t)


def public_files(out):
    """(path shown, absolute path) of every public output under out."""
    site = os.path.join(out, 'site')
    if os.path.isdir(site):  # out/: the site and the manifest are public
        roots = [site]
        extra = [os.path.join(out, 'manifest.json')]
    else:  # a public folder itself
        roots, extra = [out], []
    for root in roots:
        for d, _, files in os.walk(root):
            for f in sorted(files):
                p = os.path.join(d, f)
                yield os.path.relpath(p, out), p
    for p in extra:
        if os.path.isfile(p):
            yield os.path.relpath(p, out), p


def scan(out, markers):
    found, scanned = [], 0
    for shown, p in public_files(out):
        scanned += 1
        for t in texts(p):
            t = normalise(t)
            for m in markers:
                if m in t:
                    found.append((shown, m))
    return scanned, found


# ---- self-test: plant markers into a copy and expect the scan to see each ----

def minimal_pdf(text):
    """A one-page PDF with one line of ASCII text (Helvetica), enough for pdftotext."""
    stream = f'BT /F1 12 Tf 72 720 Td ({text}) Tj ET'.encode()
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> '
            b'/Contents 5 0 R >>',
            b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
            b'<< /Length ' + str(len(stream)).encode() + b' >>\nstream\n' + stream + b'\nendstream']
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f'{i} 0 obj\n'.encode() + o + b'\nendobj\n'
    xref = len(out)
    out += f'xref\n0 {len(objs) + 1}\n0000000000 65535 f \n'.encode()
    for off in offsets:
        out += f'{off:010d} 00000 n \n'.encode()
    out += f'trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
    return bytes(out)


def plant_xlsx(path, marker):
    tmp = path + '.tmp'
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        target = next((n for n in names if n.endswith('sharedStrings.xml')),
                      next(n for n in names if n.startswith('xl/worksheets/')))
        for n in names:
            data = zin.read(n)
            if n == target:
                s = data.decode('utf-8')
                i = s.rfind('</')
                s = s[:i] + f'<!-- {marker} -->' + s[i:] if i > 0 else s + marker
                data = s.encode('utf-8')
            zout.writestr(zin.getinfo(n), data)
    os.replace(tmp, path)


def self_test(out, markers):
    ascii_marker = next((m for m in markers if m.isascii() and ' ' not in m), None)
    name_marker = next((m for m in markers if ' ' in m), None)
    problems = []
    if not ascii_marker:
        return ['self-test: нет ASCII-метки для PDF']
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, 'out')
        if os.path.isdir(os.path.join(out, 'site')):
            shutil.copytree(os.path.join(out, 'site'), os.path.join(copy, 'site'))
            if os.path.isfile(os.path.join(out, 'manifest.json')):
                shutil.copy(os.path.join(out, 'manifest.json'), os.path.join(copy, 'manifest.json'))
        else:
            shutil.copytree(out, os.path.join(copy, 'site'))
        files = [shown for shown, _ in public_files(copy)]
        _, before = scan(copy, markers)
        if before:
            return [f'self-test: копия уже содержит метки: {before[:3]}']
        planted = {}

        def pick(pred):
            return next((f for f in files if pred(f) and f not in planted), None)

        kinds = [('HTML', lambda f: f.endswith('.html')), ('PDF', lambda f: f.endswith('.pdf')),
                 ('XLSX', lambda f: f.endswith('.xlsx')), ('sitemap', lambda f: f.endswith('sitemap.xml')),
                 ('лента', lambda f: f.endswith('feed.xml')), ('поисковый индекс', lambda f: 'search-index' in f),
                 ('манифест', lambda f: f == 'manifest.json')]
        for kind, pred in kinds:
            f = pick(pred)
            if f is None:
                problems.append(f'self-test: в выводе нет файла вида «{kind}»')
                continue
            p = os.path.join(copy, f)
            if kind == 'PDF':
                open(p, 'wb').write(minimal_pdf(ascii_marker))
            elif kind == 'XLSX':
                plant_xlsx(p, ascii_marker)
            else:
                with open(p, 'a', encoding='utf-8') as fh:
                    fh.write(f'\n{ascii_marker}\n')
            planted[f] = ascii_marker
        # A name split by a non-breaking space (as typography writes it) in another page.
        if name_marker:
            f = pick(lambda f: f.endswith('.html'))
            if f:
                a, b = name_marker.split(' ', 1)
                with open(os.path.join(copy, f), 'a', encoding='utf-8') as fh:
                    fh.write(f'<p>{html.escape(a)}&nbsp;{html.escape(b)}</p>')
                planted[f] = name_marker
        _, found = scan(copy, markers)
        got = {}
        for shown, m in found:
            got.setdefault(shown, set()).add(m)
        for f, m in planted.items():
            if m not in got.get(f, set()):
                problems.append(f'self-test: метка «{m}», вставленная в {f}, не найдена')
        for f in got:
            if f not in planted:
                problems.append(f'self-test: найдено в файле, куда ничего не вставляли: {f}')
        print(f'scan_public self-test: {len(planted)} файлов с метками, найдено в {len(got)}')
    return problems


def main(argv):
    private = '--private' in argv
    selftest = '--self-test' in argv
    args = [a for a in argv if not a.startswith('--')]
    out, marker_files = args[0], args[1:]
    assert marker_files, 'usage: scan_public.py [--private] [--self-test] OUT MARKERS…'
    required = load_markers(marker_files[0])
    markers = list(required)
    for f in marker_files[1:]:
        markers += load_markers(f)
    assert markers, 'no markers'
    problems = []
    if selftest:
        problems += self_test(out, markers)
    scanned, found = scan(out, markers)
    print(f'scan_public: {scanned} files, {len(markers)} markers, {len(found)} leaks')
    for shown, m in found:
        problems.append(f'{shown}: «{m}»')
    if scanned == 0:
        problems.append('ничего не просканировано')
    if private:
        priv = os.path.join(out, 'private')
        blob = ''
        for d, _, files in os.walk(priv):
            for f in files:
                for t in texts(os.path.join(d, f)):
                    blob += normalise(t) + '\n'
        missing = [m for m in required if m not in blob]
        print(f'scan_public: private/: {len(required) - len(missing)} of {len(required)} markers present')
        problems += [f'метки «{m}» нет ни в одной базе private/' for m in missing]
    for p in problems:
        print('  ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
