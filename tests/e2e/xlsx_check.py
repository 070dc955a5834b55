#!/usr/bin/env python3
"""Checks the workbooks of one built site against the site's data files (FORMAT.md).

Usage: xlsx_check.py SITE_DIR OUT_DIR CSV_DIR
       xlsx_check.py --styles-fixture SITE_DIR OUT_DIR CSV_DIR   (tests/sites/workbook-styles)

CSV_DIR holds LibreOffice's CSV of every sheet of every workbook of OUT_DIR (recalculated on load),
named "<area>__<path with / as __, without .xlsx>-<sheet>.csv". The expected values are computed
here from the JSON files, independently of the generator, so formula results are checked too.
Prints every mismatch and exits 1 when there is one.
"""
import csv
import datetime
import json
import os
import sys

FORMS = [  # in the generator's order (FORMAT.md)
    ("student-student", "Ученик – ученик"),
    ("teacher-teacher", "Учитель – учитель"),
    ("teacher-student", "Учитель – ученик"),
    ("university_student-student", "Студент – ученик"),
    ("employer-student", "Работодатель – ученик"),
    ("employer-university_student", "Работодатель – студент"),
    ("manager-teacher", "Руководитель – учитель"),
    ("org-org", "Образовательная организация – образовательная организация"),
]
FORM_TITLE = dict(FORMS)
FORM_ORDER = {code: i for i, (code, _) in enumerate(FORMS)}
TOTAL = "Итого по муниципалитету"

failures = []


def fail(where, msg):
    failures.append(f"{where}: {msg}")


# ---- Site data ----

def read_json(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_org(site, data_dir, url_prefix):
    d = os.path.join(site, data_dir)
    org = read_json(os.path.join(d, "org.json"))
    org["url_prefix"] = url_prefix
    org["people"] = read_json(os.path.join(d, "people.json"), [])
    org["pairs"] = read_json(os.path.join(d, "pairs.json"), [])
    rdir = os.path.join(d, "roadmaps")
    org["roadmaps"] = [read_json(os.path.join(rdir, f)) for f in sorted(os.listdir(rdir))
                       if f.endswith(".json")] if os.path.isdir(rdir) else []
    org["monitoring"] = read_json(os.path.join(d, "monitoring.json"))
    return org


def load_site(site):
    settings = read_json(os.path.join(site, "data/site.json"))
    top = load_org(site, "data", "")
    top["schools"] = []
    sdir = os.path.join(site, "data/schools")
    if os.path.isdir(sdir):
        for sid in sorted(os.listdir(sdir)):
            top["schools"].append(load_org(site, f"data/schools/{sid}", f"schools/{sid}/"))
    return settings, top


def full_name(p):
    return " ".join(x for x in (p.get("last_name"), p.get("first_name"), p.get("middle_name")) if x)


def counted(pair):
    return pair.get("status", "active") not in ("terminated", "planned")


def current_counts(org):
    """{form: [mentors, mentees]} as Org::current_counts: distinct people of the counted pairs."""
    if org["pairs"]:
        men, tee = {}, {}
        for p in org["pairs"]:
            if counted(p):
                men.setdefault(p["form"], set()).update(p["mentors"])
                tee.setdefault(p["form"], set()).update(p["mentees"])
        return {f: [len(men.get(f, ())), len(tee.get(f, ()))] for f in set(men) | set(tee)}
    m = org["monitoring"]
    if m and m.get("participants"):
        last = sorted(m["participants"], key=lambda y: y["year"])[-1]
        return {f: [c.get("mentors", 0), c.get("mentees", 0)] for f, c in last["by_form"].items()}
    return {}


def roadmap_items(rm):
    return [(stage, item) for stage in rm["stages"] for item in stage["items"]]


def item_status(item, today):
    if item.get("done"):
        return "выполнено"
    if item.get("due") and item["due"] < today:
        return "просрочено"
    return "в работе"


def school_line(org, today):
    counts = current_counts(org)
    young = [p["id"] for p in org["people"] if p.get("young_specialist")]
    mentored = {m for p in org["pairs"] if p.get("status", "active") != "terminated" for m in p["mentees"]}
    items = [it for rm in org["roadmaps"] for _, it in roadmap_items(rm)]
    return {
        "mentors": sum(c[0] for c in counts.values()),
        "mentees": sum(c[1] for c in counts.values()),
        "pairs": len(org["pairs"]),
        "young": len(young),
        "young_mentored": sum(1 for y in young if y in mentored),
        "roadmap": len(items),
        "done": sum(1 for it in items if item_status(it, today) == "выполнено"),
        "overdue": sum(1 for it in items if item_status(it, today) == "просрочено"),
        "counts": counts,
    }


def school_year(today):
    y, m = int(today[:4]), int(today[5:7])
    first = y if m >= 9 else y - 1
    return f"{first}/{first + 1}"


# ---- Workbook sheets as CSV ----

class Book:
    def __init__(self, csv_dir, flat):
        self.flat = flat
        self.sheets = {}
        prefix = flat + "-"
        for f in sorted(os.listdir(csv_dir)):
            if f.startswith(prefix) and f.endswith(".csv"):
                with open(os.path.join(csv_dir, f), encoding="utf-8", newline="") as fh:
                    self.sheets[f[len(prefix):-4]] = list(csv.reader(fh))

    def sheet(self, name):
        if name not in self.sheets:
            fail(self.flat, f"нет листа «{name}» (есть: {', '.join(self.sheets)})")
            return None
        return self.sheets[name]

    def by_caption(self, start):
        for rows in self.sheets.values():
            if rows and rows[0] and rows[0][0].startswith(start):
                return rows
        fail(self.flat, f"нет листа с заголовком «{start}…»")
        return None


def num(s):
    s = (s or "").strip()
    if s == "":
        return None
    if s.endswith("%"):
        return float(s[:-1]) / 100
    return float(s)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def expect(where, got, want):
    if isinstance(want, (int, float)) or want is None:
        try:
            g = num(got)
        except ValueError:
            fail(where, f"«{got}» — не число, ожидалось {want}")
            return
        if not same(g, want):
            fail(where, f"{got!r} вместо {want}")
    elif (got or "") != want:
        fail(where, f"«{got}» вместо «{want}»")


def table(rows):
    """Header (row 1) and data rows (from row 2) of a sheet."""
    return (rows[1], rows[2:]) if rows and len(rows) > 1 else ([], [])


def us_date(iso):
    return f"{iso[5:7]}/{iso[8:10]}/{iso[:4]}" if iso else ""


def share(a, b):
    return a / b if b else None


# ---- Checks ----

DEFAULT_SHEETS = {"participants": "Участники", "by_year": "По годам", "indicators": "Показатели"}


def check_org_sheets(book, org, today, where, names=DEFAULT_SHEETS):
    """«Участники», «По годам», the roadmaps and «Показатели» of one organisation (sheet names as
    the workbook style names them)."""
    expected = []
    m = org["monitoring"] or {}
    for y in sorted(m.get("participants", []), key=lambda y: y["year"]):
        for f in sorted(y["by_form"], key=FORM_ORDER.get):
            c = y["by_form"][f]
            expected.append((y["year"], FORM_TITLE[f], c.get("mentors", 0), c.get("mentees", 0), None))
    if org["pairs"]:
        counts = current_counts(org)
        pairs = {}
        for p in org["pairs"]:
            pairs[p["form"]] = pairs.get(p["form"], 0) + 1
        for f in sorted(set(counts) | set(pairs), key=FORM_ORDER.get):
            c = counts.get(f, [0, 0])
            expected.append((school_year(today) + " (по базе пар)", FORM_TITLE[f], c[0], c[1], pairs.get(f, 0)))
    if expected:
        _, rows = table(book.sheet(names["participants"]))
        if len(rows) != len(expected):
            fail(where, f"«Участники»: {len(rows)} строк вместо {len(expected)}")
        for i, (row, e) in enumerate(zip(rows, expected)):
            for k in range(5):
                expect(f"{where} «Участники» строка {i + 3} столбец {k + 1}", row[k], e[k])
        years = []
        for e in expected:
            if e[0] not in years:
                years.append(e[0])
        _, rows = table(book.sheet(names["by_year"]))
        if len(rows) != len(years):
            fail(where, f"«По годам»: {len(rows)} строк вместо {len(years)}")
        for row, y in zip(rows, years):
            es = [e for e in expected if e[0] == y]
            p = sum(e[4] for e in es if e[4] is not None) if any(e[4] is not None for e in es) else None
            for k, want in enumerate([y, sum(e[2] for e in es), sum(e[3] for e in es), p]):
                expect(f"{where} «По годам» {y} столбец {k + 1}", row[k], want)
    for rm in org["roadmaps"]:
        rows = book.by_caption(rm["title"])
        if rows is None:
            continue
        header, data = table(rows)
        items = roadmap_items(rm)
        if len(data) != len(items):
            fail(where, f"дорожная карта «{rm['title'][:40]}…»: {len(data)} строк вместо {len(items)}")
        for i, (row, (stage, item)) in enumerate(zip(data, items)):
            w = f"{where} дорожная карта строка {i + 3}"
            expect(w + " №", row[0], i + 1)
            expect(w + " этап", row[1], stage["title"])
            expect(w + " срок", row[header.index("Срок (дата)")], us_date(item.get("due")))
            expect(w + " статус", row[header.index("Статус")], item_status(item, today))
            if item["title"] not in row:
                fail(w, f"нет мероприятия «{item['title'][:40]}…»")
    if m.get("indicators"):
        header, data = table(book.sheet(names["indicators"]))
        for ind, row in zip(m["indicators"], data):
            w = f"{where} «Показатели» «{ind['id']}»"
            expect(w, row[0], ind["title"])
            scale = 0.01 if ind.get("unit") == "%" else 1
            for year, v in ind["values"].items():
                expect(f"{w} {year}", row[header.index(year)], v * scale)
            if "target" in ind:
                expect(f"{w} цель", row[header.index("Целевое значение")], ind["target"] * scale)
        if len(data) != len(m["indicators"]):
            fail(where, f"«Показатели»: {len(data)} строк вместо {len(m['indicators'])}")


def check_summary(book, top, today):
    where = "site/summary.xlsx"
    schools = top["schools"]
    lines = {s["short_name"]: school_line(s, today) for s in schools}
    header, data = table(book.sheet("Сводка"))
    col = {h: i for i, h in enumerate(header)}
    cols = [("Наставники", "mentors"), ("Наставляемые", "mentees"), ("Пары и группы", "pairs"),
            ("Молодые специалисты", "young"), ("Из них с наставником", "young_mentored"),
            ("Пунктов дорожной карты", "roadmap"), ("Выполнено", "done"), ("Просрочено", "overdue")]
    if len(data) != len(schools) + 1:
        fail(where, f"«Сводка»: {len(data)} строк вместо {len(schools) + 1}")
    total = {k: sum(l[k] for l in lines.values()) for _, k in cols}
    for row in data:
        name = row[1]
        line = total if name == TOTAL else lines.get(name)
        if line is None:
            fail(where, f"«Сводка»: лишняя строка «{name}»")
            continue
        w = f"{where} «Сводка» «{name}»"
        for h, k in cols:
            expect(f"{w} «{h}»", row[col[h]], line[k])
        expect(f"{w} доля молодых", row[col["Доля молодых специалистов с наставником"]],
               share(line["young_mentored"], line["young"]))
        expect(f"{w} доля выполненных", row[col["Доля выполненных пунктов"]], share(line["done"], line["roadmap"]))
        for item in ("Положение", "Куратор", "Дорожная карта", "Пары"):
            v = row[col[item]]
            if name == TOTAL:
                expect(f"{w} «{item}»", v, sum(1 for r in data if r[1] != TOTAL and r[col[item]] == "есть"))
            elif v not in ("есть", "нет"):
                fail(w, f"«{item}»: «{v}»")
        if name != TOTAL:
            school = next(s for s in schools if s["short_name"] == name)
            expect(f"{w} «Куратор»", row[col["Куратор"]], "есть" if school.get("curator") else "нет")
            expect(f"{w} «Пары»", row[col["Пары"]], "есть" if school["pairs"] else "нет")
    if not data or data[-1][1] != TOTAL:
        fail(where, f"«Сводка»: последняя строка не «{TOTAL}»")

    # Participants by form and school; the totals by form on «Диаграммы».
    header, data = table(book.sheet("Участники по формам"))
    by_form = {}
    for row in data:
        name = row[0]
        counts = lines[name]["counts"] if name in lines else None
        for i, h in enumerate(header[1:-2], start=1):
            form, _, who = h.rpartition(": ")
            code = next(c for c, t in FORMS if t == form)
            k = 0 if who == "наставники" else 1
            if counts is not None:
                v = counts.get(code, [0, 0])[k]
                by_form.setdefault(code, [0, 0])[k] += v
            else:
                v = by_form.get(code, [0, 0])[k]
            expect(f"{where} «Участники по формам» «{name}» «{h}»", row[i], v)
        line = lines.get(name, total)
        expect(f"{where} «Участники по формам» «{name}» всего наставников", row[-2], line["mentors"])
        expect(f"{where} «Участники по формам» «{name}» всего наставляемых", row[-1], line["mentees"])
    _, data = table(book.sheet("Диаграммы"))
    used = [c for c, _ in FORMS if sum(by_form.get(c, [0, 0])) > 0]
    if [r[0] for r in data] != [FORM_TITLE[c] for c in used]:
        fail(where, f"«Диаграммы»: формы {[r[0] for r in data]} вместо {[FORM_TITLE[c] for c in used]}")
    for row, c in zip(data, used):
        expect(f"{where} «Диаграммы» «{row[0]}» наставники", row[1], by_form[c][0])
        expect(f"{where} «Диаграммы» «{row[0]}» наставляемые", row[2], by_form[c][1])

    # A sheet per indicator across organisations.
    ids = []
    for org in [top] + schools:
        for ind in (org["monitoring"] or {}).get("indicators", []):
            if ind["id"] not in [i["id"] for i in ids]:
                ids.append(ind)
    for first in ids:
        rows = book.by_caption(first["title"])
        if rows is None:
            continue
        header, data = table(rows)
        reported = [(o, i) for o in [top] + schools
                    for i in (o["monitoring"] or {}).get("indicators", []) if i["id"] == first["id"]]
        in_schools = [(o, i) for o, i in reported if o is not top]
        want_rows = len(reported) + (1 if in_schools else 0)
        if len(data) != want_rows:
            fail(where, f"показатель «{first['id']}»: {len(data)} строк вместо {want_rows}")
        for (org, ind), row in zip(reported, data):
            scale = 0.01 if ind.get("unit") == "%" else 1
            expect(f"{where} «{first['id']}» организация", row[0], org["short_name"])
            for year, v in ind["values"].items():
                expect(f"{where} «{first['id']}» «{org['short_name']}» {year}", row[header.index(year)], v * scale)
        if in_schools:
            avg = data[len(reported)]
            expect(f"{where} «{first['id']}» строка среднего", avg[0], "Среднее по школам")
            for year in header[1:-1]:
                vs = [i["values"][year] * (0.01 if i.get("unit") == "%" else 1)
                      for _, i in in_schools if year in i["values"]]
                expect(f"{where} «{first['id']}» среднее {year}", avg[header.index(year)],
                       sum(vs) / len(vs) if vs else None)


def mentee_like(p):
    return p.get("category") in ("student", "university_student") or p.get("young_specialist")


def base_rows(orgs, base):
    """(organisation, full name, pair id, person) of every row the base must have."""
    want = []
    for org in orgs:
        people = {p["id"]: p for p in org["people"]}
        paired = {x for p in org["pairs"] for x in p["mentors"] + p["mentees"]}
        for pair in org["pairs"]:
            for pid in pair[base]:
                want.append((org["short_name"], full_name(people[pid]), pair["id"], people[pid]))
        for p in org["people"]:
            if p["id"] not in paired and bool(mentee_like(p)) == (base == "mentees"):
                want.append((org["short_name"], full_name(p), "", p))
    return want


def check_base(book, want, base, with_org, where):
    rows = book.sheet("Наставники" if base == "mentors" else "Наставляемые")
    if rows is None:
        return
    header, data = table(rows)
    name_col, pair_col = (1 if with_org else 0), header.index("Код пары")
    got = sorted((r[0] if with_org else "", r[name_col], r[pair_col]) for r in data)
    exp = sorted((o if with_org else "", n, pid) for o, n, pid, _ in want)
    if got != exp:
        fail(where, f"строки базы не совпадают с данными: лишние {sorted(set(got) - set(exp))[:3]}, "
                    f"нет {sorted(set(exp) - set(got))[:3]}")
    for _, n, pid, p in want:
        row = next((r for r in data if r[name_col] == n and r[pair_col] == pid), None)
        for key in ("phone", "email"):
            v = (p.get("contacts") or {}).get(key)
            if row is not None and v and v not in row:
                fail(where, f"«{n}»: нет контакта {v}")


def check_styles_fixture(site, out, csv_dir):
    """tests/sites/workbook-styles: its templates/workbooks/*.yaml rename sheets, replace the columns
    of the mentors' base and of the summary. The expectations below are those files, by hand."""
    settings, top = load_site(site)
    today = settings["build_date"]
    schools = top["schools"]

    def book(area, path):
        if not os.path.exists(os.path.join(out, area, path)):
            fail(f"{area}/{path}", "нет файла")
            return None
        return Book(csv_dir, area + "__" + path[:-5].replace("/", "__"))

    # bases.yaml: the mentors' base in three columns on the sheet «Кадры»; the merged base starts
    # with «Школа»; the mentees' base keeps the built-in columns.
    for orgs, prefix, with_org in [([s], s["url_prefix"], False) for s in schools if s["people"]] + \
            [([top] + schools, "", True)]:
        where = f"private/{prefix}baza-nastavnikov.xlsx"
        b = book("private", prefix + "baza-nastavnikov.xlsx")
        rows = b and b.sheet("Кадры")
        if not rows:
            continue
        header, data = table(rows)
        want_header = (["Школа"] if with_org else []) + ["Наставник (ФИО)", "Эл. почта", "Пара"]
        if header != want_header:
            fail(where, f"заголовки {header} вместо {want_header}")
            continue
        k = 1 if with_org else 0
        got = sorted(tuple(r) for r in data)
        want = sorted(tuple(([o] if with_org else []) + [n, (p.get("contacts") or {}).get("email", ""), pid])
                      for o, n, pid, p in base_rows(orgs, "mentors"))
        if got != want:
            fail(where, f"строки {got[:3]} вместо {want[:3]}")
        if not data or not data[0][k]:
            fail(where, "пустая база")
    for s in schools:
        if s["people"]:
            b = book("private", s["url_prefix"] + "baza-nastavlyaemyh.xlsx")
            rows = b and b.sheet("Наставляемые")
            if rows and table(rows)[0][0] != "ФИО наставляемого":
                fail("baza-nastavlyaemyh.xlsx", f"встроенные столбцы не сохранились: {table(rows)[0][:3]}")

    # monitoring.yaml: sheets «Люди» and «План», the rest keep their names.
    names = {"participants": "Люди", "by_year": "По годам", "indicators": "Показатели"}
    for s in schools:
        m = s["monitoring"] or {}
        if s["pairs"] or s["roadmaps"] or m.get("participants") or m.get("indicators"):
            path = s["url_prefix"] + "monitoring.xlsx"
            b = book("site", path)
            if b:
                check_org_sheets(b, s, today, "site/" + path, names)
                if s["roadmaps"]:
                    b.sheet("План")
                if "Участники" in b.sheets:
                    fail("site/" + path, "остался лист «Участники»")

    # summary.yaml: «Свод» with the five columns in the fixture's order, «Итого» by formulas.
    b = book("site", "summary.xlsx")
    if b:
        where = "site/summary.xlsx «Свод»"
        header, data = table(b.sheet("Свод") or [])
        want_header = ["Школа", "Пар", "Молодые специалисты", "Из них с наставником", "Охват молодых", "Куратор"]
        if header != want_header:
            fail(where, f"заголовки {header} вместо {want_header}")
        lines = [(s["short_name"], school_line(s, today), bool(s.get("curator"))) for s in schools]
        total = {k: sum(l[k] for _, l, _ in lines) for k in ("pairs", "young", "young_mentored")}
        expected = [[n, l["pairs"], l["young"], l["young_mentored"], share(l["young_mentored"], l["young"]),
                     "есть" if c else "нет"] for n, l, c in lines]
        expected.append([TOTAL, total["pairs"], total["young"], total["young_mentored"],
                         share(total["young_mentored"], total["young"]), sum(1 for _, _, c in lines if c)])
        if len(data) != len(expected):
            fail(where, f"{len(data)} строк вместо {len(expected)}")
        for row, e in zip(data, expected):
            for k, want in enumerate(e):
                expect(f"{where} «{e[0]}» «{want_header[k]}»", row[k] if k < len(row) else "", want)
        b.sheet("Графики")
        b.sheet("Участники по формам")
        for gone in ("Сводка", "Диаграммы"):
            if gone in b.sheets:
                fail("site/summary.xlsx", f"остался лист «{gone}»")

    for f in failures:
        print("  НЕ СОВПАДАЕТ:", f)
    print(f"{site}: стили таблиц проверены, расхождений: {len(failures)}")
    return 1 if failures else 0


def main():
    if sys.argv[1] == "--styles-fixture":
        return check_styles_fixture(*sys.argv[2:5])
    site, out, csv_dir = sys.argv[1:4]
    settings, top = load_site(site)
    today = settings.get("build_date")
    if not today:
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
        today = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat()

    def book(area, path):
        flat = area + "__" + path[:-5].replace("/", "__")
        if not os.path.exists(os.path.join(out, area, path)):
            fail(f"{area}/{path}", "нет файла")
            return None
        return Book(csv_dir, flat)

    department = top.get("kind") == "department"
    for org in top["schools"] if department else [top]:
        m = org["monitoring"] or {}
        if org["pairs"] or org["roadmaps"] or m.get("participants") or m.get("indicators"):
            path = org["url_prefix"] + "monitoring.xlsx"
            b = book("site", path)
            if b:
                check_org_sheets(b, org, today, "site/" + path)
    if department and top["schools"]:
        b = book("site", "summary.xlsx")
        if b:
            check_summary(b, top, today)
            check_org_sheets(b, top, today, "site/summary.xlsx")
    for base, file in (("mentors", "baza-nastavnikov.xlsx"), ("mentees", "baza-nastavlyaemyh.xlsx")):
        # Each school's own base; a department's base merges all organisations.
        scopes = [([o], o["url_prefix"], False) for o in (top["schools"] if department else [top])]
        if department:
            scopes.append(([top] + top["schools"], "", True))
        for orgs, prefix, with_org in scopes:
            want = base_rows(orgs, base)
            if want:
                b = book("private", prefix + file)
                if b:
                    check_base(b, want, base, with_org, f"private/{prefix}{file}")

    for f in failures:
        print("  НЕ СОВПАДАЕТ:", f)
    print(f"{site}: проверено, расхождений: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
