#!/usr/bin/env python3
"""Checks every internal link and asset of a built web root: href/src of every HTML page must
point to an existing file inside the root, and #fragments to an existing id. Exit 1 on failure."""
import html.parser, os, sys, urllib.parse

root = os.path.realpath(sys.argv[1])
base_url = sys.argv[2] if len(sys.argv) > 2 else None

class Collect(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == 'id' and v: self.ids.add(v)
            if k in ('href', 'src') and v is not None: self.links.append((tag, v))

pages = {}
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith('.html'):
            p = os.path.join(d, f)
            c = Collect()
            c.feed(open(p, encoding='utf-8').read())
            pages[p] = c

bad, checked = [], 0
for page, c in sorted(pages.items()):
    if os.path.basename(page) == '404.html':
        continue  # its links are absolute (base_url)
    for tag, url in c.links:
        u = urllib.parse.urlsplit(url)
        if u.scheme in ('http', 'https', 'mailto', 'tel') or url.startswith('//'):
            continue
        if u.scheme:
            bad.append(f'{os.path.relpath(page, root)}: ссылка с недопустимой схемой {url}')
            continue
        if url.startswith('/'):
            bad.append(f'{os.path.relpath(page, root)}: абсолютный путь {url} не работает из файловой системы')
            continue
        checked += 1
        target = page if u.path == '' else os.path.realpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(u.path)))
        if not (target == root or target.startswith(root + os.sep)):
            bad.append(f'{os.path.relpath(page, root)}: ссылка {url} ведёт за пределы сайта')
        elif not os.path.isfile(target):
            bad.append(f'{os.path.relpath(page, root)}: битая ссылка {url}')
        elif u.fragment and target.endswith('.html'):
            ids = pages[target].ids if target in pages else set()
            if u.fragment not in ids:
                bad.append(f'{os.path.relpath(page, root)}: нет якоря #{u.fragment} в {url}')
print(f'linkcheck: {len(pages)} pages, {checked} internal links checked, {len(bad)} broken')
for b in bad:
    print('  ' + b)
sys.exit(1 if bad or checked == 0 else 0)
