#!/usr/bin/env python3
"""Генератор синтетического сайта «Наставничество» в формате nastavnik (docs/format.md).

Пишет папку сайта департамента с N школами. У каждой школы (по умолчанию): 30 человек,
12 наставнических пар, дорожная карта из 25 пунктов, мониторинг, мероприятия, положение,
6 приказов, 6 программ и 10 новостей — русский текст со списками и таблицами.
Результат зависит только от параметров и --seed (детерминирован).

    python3 scripts/gen-site.py --schools 200 --out /tmp/region
    python3 scripts/gen-site.py --pages 5000 --out /tmp/region   # число школ — под ~5000 страниц Markdown

Печатает одну строку: «schools=N pages=M» (M — число файлов .md).
"""
import argparse
import json
import math
import os
import random
import shutil
import sys

SURNAMES = [  # мужская форма, женская образуется добавлением «а»
    "Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов",
    "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
    "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров",
    "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов",
    "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев",
    "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов",
    "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов",
    "Беляев", "Герасимов", "Богданов", "Осипов", "Сидорин", "Матвеев", "Титов", "Марков",
]
# Фамилии только для взрослых без согласия на публикацию имени: фильтр персональных данных ищет их
# «Фамилия Имя» и инициалы по всему сайту, и однофамилец-тёзка с согласием был бы ложной тревогой.
HIDDEN_SURNAMES = ["Шестаков", "Щербаков", "Третьяков", "Ефимов", "Анисимов", "Лукин"]
# Имена взрослых и детей не пересекаются: фильтр персональных данных ищет «Фамилия Имя» учеников
# по всему сайту, и совпадение с полным именем учителя другой школы было бы ложной тревогой.
ADULT_M = ["Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Владимир", "Николай", "Юрий",
           "Виктор", "Олег", "Игорь", "Евгений", "Михаил", "Павел", "Геннадий", "Валерий"]
ADULT_F = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Людмила",
           "Галина", "Надежда", "Лариса", "Оксана", "Юлия", "Валентина", "Нина", "Лилия"]
CHILD_M = ["Артём", "Матвей", "Тимофей", "Макар", "Лев", "Марк", "Богдан", "Ярослав", "Мирон",
           "Глеб", "Савелий", "Елисей", "Демид", "Платон", "Роман", "Арсений"]
CHILD_F = ["Милана", "Варвара", "Ульяна", "Василиса", "Есения", "Злата", "Стефания", "Алиса",
           "Вероника", "Таисия", "Мирослава", "Агата", "Эвелина", "Ксения", "Полина", "Дарина"]
PATRON_M = ["Александрович", "Сергеевич", "Андреевич", "Николаевич", "Викторович", "Юрьевич",
            "Олегович", "Игоревич", "Михайлович", "Петрович"]
PATRON_F = ["Александровна", "Сергеевна", "Андреевна", "Николаевна", "Викторовна", "Юрьевна",
            "Олеговна", "Игоревна", "Михайловна", "Петровна"]
SUBJECTS = ["русского языка и литературы", "математики", "физики", "химии", "биологии",
            "истории и обществознания", "английского языка", "информатики", "географии",
            "начальных классов", "физической культуры", "музыки", "технологии"]
CITIES = ["Берёзовский", "Кедровый", "Сосновка", "Луговой", "Заречный", "Светлый", "Озёрный"]

# Строительный материал для текста.
SUBJ = [("Наставник", 0), ("Молодой педагог", 0), ("Куратор целевой модели", 0),
        ("Методическое объединение", 2), ("Педагогический коллектив", 0),
        ("Школьная команда наставников", 1), ("Совет наставников", 0), ("Администрация школы", 1),
        ("Творческая группа учителей", 1), ("Наставники и наставляемые", 3)]
# Глаголы прошедшего времени: мужской, женский, средний род, множественное число.
VERB = [("провёл", "провела", "провело", "провели"), ("организовал", "организовала", "организовало", "организовали"),
        ("подготовил", "подготовила", "подготовило", "подготовили"), ("обсудил", "обсудила", "обсудило", "обсудили"),
        ("проанализировал", "проанализировала", "проанализировало", "проанализировали"),
        ("представил", "представила", "представило", "представили"),
        ("разработал", "разработала", "разработало", "разработали"), ("обобщил", "обобщила", "обобщило", "обобщили"),
        ("спланировал", "спланировала", "спланировало", "спланировали"), ("поддержал", "поддержала", "поддержало", "поддержали")]
OBJ = ["открытый урок по теме «Решение текстовых задач»", "серию консультаций для молодых специалистов",
       "мастер-класс по формированию функциональной грамотности", "план индивидуального развития",
       "анализ посещённых уроков", "методические рекомендации по работе с родителями",
       "портфолио достижений наставляемого", "программу адаптации вновь прибывших педагогов",
       "круглый стол «Первые шаги в профессии»", "квест для обучающихся пятых классов",
       "диагностику профессиональных затруднений", "отчёт о реализации персонализированной программы"]
TAIL = ["в рамках целевой модели наставничества", "по итогам первого полугодия",
        "совместно с коллегами из соседних школ", "с участием обучающихся и родителей",
        "на базе школьного методического центра", "в соответствии с дорожной картой",
        "по запросу наставляемых", "с использованием цифровых образовательных ресурсов"]
EXTRA = ["Участники отметили практическую направленность встречи и высокий уровень подготовки.",
         "Итоги работы будут представлены на заседании педагогического совета.",
         "Опыт признан успешным и рекомендован для распространения в других школах округа.",
         "Обратная связь от наставляемых показала рост уверенности в профессиональных действиях.",
         "Следующая встреча запланирована на конец четверти.",
         "Материалы размещены в разделе «Документы» на сайте школы."]
LIST_ITEMS = ["посещение и анализ уроков наставника", "совместное планирование учебных занятий",
              "подготовка к аттестации", "участие в профессиональных конкурсах",
              "ведение дневника наставничества", "самоанализ урока по единой схеме",
              "работа с одарёнными обучающимися", "проектная и исследовательская деятельность",
              "профилактика профессионального выгорания", "освоение цифровых сервисов для урока"]
EVENT_FORMATS = ["семинар", "мастер-класс", "круглый стол", "открытый урок", "конференция", "квест"]

# Формы пар: форма, категория наставников, категория наставляемых.
PAIR_FORMS = [("teacher-teacher", "teacher", "teacher"), ("student-student", "student", "student"),
              ("teacher-student", "teacher", "student"), ("manager-teacher", "manager", "teacher")]


def cap(s):
    return s[:1].upper() + s[1:]


class Gen:
    def __init__(self, args):
        self.a = args
        self.r = random.Random(args.seed)
        self.root = args.out
        self.files = 0
        self.md = 0

    def write(self, rel, text):
        p = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        self.files += 1
        if rel.endswith(".md"):
            self.md += 1

    def json(self, rel, obj):
        self.write(rel, json.dumps(obj, ensure_ascii=False, indent=1) + "\n")

    def page(self, rel, front, body):
        lines = ["---"]
        for k, v in front.items():
            lines.append(f"{k}: {v if isinstance(v, str) and (v.startswith('{') or v.startswith('[')) else json.dumps(v, ensure_ascii=False)}")
        lines.append("---")
        self.write(rel, "\n".join(lines) + "\n\n" + body)

    # --- text ---
    def sentence(self):
        r = self.r
        s = f"{self.clause()} {r.choice(TAIL)}."
        if r.random() < 0.4:
            s += " " + r.choice(EXTRA)
        return s

    def clause(self):
        who, g = self.r.choice(SUBJ)
        return f"{who} {self.r.choice(VERB)[g]} {self.r.choice(OBJ)}"

    def paragraph(self, n=None):
        return " ".join(self.sentence() for _ in range(n or self.r.randint(2, 4)))

    def bullet_list(self, ordered=False, n=None):
        items = self.r.sample(LIST_ITEMS, n or self.r.randint(3, 6))
        return "\n".join((f"{i + 1}. " if ordered else "- ") + it + (";" if i + 1 < len(items) else ".")
                         for i, it in enumerate(items)) + "\n"

    def table(self, rows=None):
        r = self.r
        out = ["| Сроки | Мероприятие | Форма | Результат |", "|---|---|---|---|"]
        months = ["Сентябрь", "Октябрь", "Ноябрь", "Декабрь", "Январь", "Февраль", "Март", "Апрель", "Май"]
        for i in range(rows or r.randint(3, 6)):
            out.append(f"| {months[i % len(months)]} 2024 | {cap(r.choice(LIST_ITEMS))} | "
                       f"{cap(r.choice(EVENT_FORMATS))} | {cap(r.choice(OBJ))} |")
        return "\n".join(out) + "\n"

    def body(self, paragraphs):
        parts = []
        for i in range(paragraphs):
            parts.append(self.paragraph())
            if i == 0:
                parts.append(self.bullet_list())
            if i == 1:
                parts.append(self.table())
            if i == 2:
                parts.append(self.bullet_list(ordered=True))
        return "\n\n".join(parts) + "\n"

    # --- people ---
    def person(self, pid, category, school_no, idx, consent=None, cls=None):
        r = self.r
        female = r.random() < (0.8 if category in ("teacher", "manager") else 0.5)
        child = category == "student"
        last = r.choice(HIDDEN_SURNAMES if consent is False else SURNAMES) + ("а" if female else "")
        first = r.choice((CHILD_F if female else CHILD_M) if child else (ADULT_F if female else ADULT_M))
        middle = r.choice(PATRON_F if female else PATRON_M)
        p = {"id": pid, "last_name": last, "first_name": first, "middle_name": middle,
             "category": category}
        if category == "student":
            p["class"] = cls
        else:
            p["position"] = ("заместитель директора по учебно-воспитательной работе" if category == "manager"
                             else "представитель предприятия-партнёра" if category == "employer"
                             else "студент педагогического колледжа" if category == "university_student"
                             else "учитель " + r.choice(SUBJECTS))
            p["experience_years"] = r.randint(1, 35)
            p["young_specialist"] = category == "teacher" and r.random() < 0.2
        if consent is not None:
            p["consent"] = {"publish_name": consent}
        p["contacts"] = {"phone": f"8 (3{school_no % 10000:04d}) {idx // 100}-{idx % 100:02d}-{school_no % 97:02d}",
                         "email": f"{pid}.{school_no}@school{school_no}.example.ru"}
        p["competencies"] = r.sample(LIST_ITEMS, 2)
        p["interests"] = [r.choice(LIST_ITEMS)]
        if category == "student":
            p["requests"] = [f"подготовка к олимпиаде {2024 + idx % 2} года по предмету"]
        return p

    def short(self, p):  # «Л.Р. Гарипова» как в тексте документов
        return f"{p['first_name'][0]}.{p['middle_name'][0]}. {p['last_name']}"

    # --- one organisation ---
    def school(self, no):
        a, r = self.a, self.r
        sid = f"shkola-{no:05d}"
        city = r.choice(CITIES)
        short = f"СОШ № {no}"
        d, c = f"data/schools/{sid}", f"content/schools/{sid}"
        people = [self.person("kurator", "manager", no, 0)]
        n_students = max(2, a.people // 3)
        n_teachers = max(2, a.people - 1 - n_students - 1)
        for i in range(n_teachers):
            people.append(self.person(f"uchitel-{i + 1:02d}", "teacher", no, i + 1,
                                      consent=False if i == n_teachers - 1 else None))
        people.append(self.person("partner", "employer", no, 90))
        for i in range(n_students):
            people.append(self.person(f"uchenik-{i + 1:02d}", "student", no, 100 + i,
                                      cls=f"{5 + i % 6}{'АБВ'[i % 3]}"))
        curator = people[0]
        self.json(f"{d}/org.json", {
            "kind": "school",
            "name": f"Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № {no}»",
            "short_name": short,
            "parent_name": "Департамент образования администрации Синтетического района",
            "place": f"п. {city}",
            "address": f"628{no % 1000:03d}, п. {city}, ул. Школьная, д. {no % 50 + 1}",
            "phone": f"8 (3{no % 10000:04d}) 0-00-{no % 97:02d}",
            "email": f"school{no}@example.ru",
            "head": {"position": "Директор", "name": f"{self.short(people[1])}"},
            "curator": {"name": f"{curator['last_name']} {curator['first_name']} {curator['middle_name']}",
                        "position": curator["position"], "phone": f"8 (3{no % 10000:04d}) 0-01-{no % 97:02d}",
                        "email": f"kurator{no}@example.ru"}})
        self.json(f"{d}/people.json", people)

        teachers = [p for p in people if p["category"] == "teacher" and "consent" not in p]
        students = [p for p in people if p["category"] == "student"]
        orders = [f"orders/2024-{(i % 9) + 1:02d}-{10 + i:02d}-{no}-o" for i in range(a.orders)]
        programs = [f"programs/programma-{i + 1:02d}" for i in range(a.programs)]
        pairs = []
        counts = {}
        for i in range(a.pairs):
            form, mc, ec = PAIR_FORMS[i % len(PAIR_FORMS)]
            pool = {"teacher": teachers, "student": students, "manager": [people[0]]}
            mentor = pool[mc][i % len(pool[mc])]
            mentee = pool[ec][(i * 7 + 3) % len(pool[ec])]
            if mentee is mentor:
                mentee = pool[ec][(i * 7 + 4) % len(pool[ec])]
            pair = {"id": f"para-{i + 1:02d}", "form": form, "mentors": [mentor["id"]],
                    "mentees": [mentee["id"]], "start": "2024-09-02", "end": "2025-05-30",
                    "status": "active", "topic": "Сопровождение профессионального и личностного роста",
                    "order": orders[1 % len(orders)] if orders else None}
            if i < len(programs):
                pair["program"] = programs[i]
            pair = {k: v for k, v in pair.items() if v is not None}
            pairs.append(pair)
            cnt = counts.setdefault(form, [set(), set()])
            cnt[0].add(mentor["id"])
            cnt[1].add(mentee["id"])
        self.json(f"{d}/pairs.json", pairs)

        rid = f"{sid}-2024-2026"
        per_stage = [a.roadmap_items // 3, a.roadmap_items // 3, a.roadmap_items - 2 * (a.roadmap_items // 3)]
        stages, k = [], 0
        for title, n in zip(["Подготовительный этап", "Основной этап", "Итоговый этап"], per_stage):
            items = []
            for _ in range(n):
                k += 1
                month = (k % 12) + 1
                year = 2024 + k // 12
                items.append({"title": cap(r.choice(OBJ)) + " " + r.choice(TAIL),
                              "result": r.choice(["Приказ", "Отчёт", "Протокол", "Публикация на сайте", "Аналитическая справка"]),
                              "deadline": f"{month:02d}.{year}", "due": f"{year}-{month:02d}-28",
                              "responsible": r.choice(["Куратор", "Директор", "Руководители МО", "Наставники"]),
                              "done": year == 2024 and month < 9})
            stages.append({"title": title, "items": items})
        self.json(f"{d}/roadmaps/{rid}.json", {
            "title": f"Дорожная карта реализации целевой модели наставничества в {short} на 2024–2026 годы",
            "columns": ["title", "deadline", "responsible", "result", "status"], "stages": stages})
        self.json(f"{d}/monitoring.json", {
            "indicators": [
                {"id": "students-involved", "title": "Доля обучающихся, вовлечённых в различные формы наставничества",
                 "unit": "%", "values": {str(y): round(10 + 8 * (y - 2021) + r.random() * 5, 1) for y in range(2021, 2025)},
                 "target": 70},
                {"id": "young-adapted", "title": "Доля молодых педагогов, успешно прошедших адаптационный период",
                 "unit": "%", "values": {str(y): round(80 + r.random() * 20, 1) for y in range(2022, 2025)},
                 "target": 100}],
            "participants": [
                {"year": "2023/2024", "by_form": {"teacher-teacher": {"mentors": 3, "mentees": 4}}},
                {"year": "2024/2025", "by_form": {f: {"mentors": len(m), "mentees": len(e)} for f, (m, e) in counts.items()}}]})
        self.json(f"{d}/events.json", [
            {"date": f"2024-{(i % 9) + 1:02d}-{10 + i}", "title": cap(r.choice(OBJ)),
             "format": r.choice(EVENT_FORMATS), "participants": r.randint(10, 120)} for i in range(4)])

        # --- pages ---
        self.page(f"{c}/_index.md", {"title": f"Наставничество в {short}",
                                     "summary": "Целевая модель наставничества в школе."},
                  self.paragraph(3) + "\n\n## Наставнические пары\n\n```nastavnik\ntable: pairs\n```\n\n"
                  "## Участники\n\n```nastavnik\ntable: participants\n```\n\n```nastavnik\nchart: participants\n```\n\n"
                  f"## Дорожная карта\n\n```nastavnik\nroadmap: {rid}\n```\n\n"
                  "## Результаты\n\n```nastavnik\nchart: indicator\nindicator: students-involved\n```\n\n"
                  "## Мероприятия\n\n```nastavnik\ntable: events\n```\n")
        head = people[1]
        acquainted = "[" + ", ".join(f"{p['last_name']} {p['first_name'][0]}.{p['middle_name'][0]}." for p in teachers[:3]) + "]"
        for i, o in enumerate(orders):
            front = {"title": r.choice(["О реализации целевой модели наставничества",
                                        "О закреплении наставнических пар на 2024/2025 учебный год",
                                        "Об утверждении персонализированных программ наставничества",
                                        "О проведении конкурса «Лучший наставник»",
                                        "Об итогах мониторинга реализации программ наставничества",
                                        "О внесении изменений в дорожную карту"]),
                     "number": f"{10 + i}-О", "date": f"2024-{(i % 9) + 1:02d}-{10 + i:02d}",
                     "signatory": "head",
                     "executor": "{ name: \"" + f"{curator['last_name']} {curator['first_name'][0]}.{curator['middle_name'][0]}." + "\", phone: \"" + f"8 (3{no % 10000:04d}) 0-01-{no % 97:02d}" + "\" }",
                     "acquainted": acquainted}
            if i == 0:
                front["appendices"] = "[{ page: documents/polozhenie }, { roadmap: " + rid + " }]"
            body = (self.paragraph(2) + "\n\nПРИКАЗЫВАЮ:\n\n" + "\n".join(
                f"{j + 1}. {cap(r.choice(LIST_ITEMS))} {r.choice(TAIL)}." for j in range(5)) +
                f"\n6. Контроль за исполнением приказа оставляю за собой.\n")
            self.page(f"{c}/{o}.md", front, body)
        self.page(f"{c}/documents/polozhenie.md",
                  {"title": f"Положение о наставничестве в {short}", "date": "2024-01-10",
                   "approved_by": "{ order: " + orders[0] + ", label: \"УТВЕРЖДЕНО приказом\" }"},
                  "\n\n".join(f"## {j + 1}. {t}\n\n{self.paragraph(3)}" for j, t in enumerate(
                      ["Общие положения", "Цели и задачи", "Формы наставничества", "Права и обязанности"])) + "\n")
        for i, pg in enumerate(programs):
            pair = pairs[i] if i < len(pairs) else pairs[0]
            mentor = next(p for p in people if p["id"] == pair["mentors"][0])
            front = {"title": f"Персонализированная программа наставничества № {i + 1} на 2024/2025 учебный год",
                     "date": "2024-09-02"}
            if len(orders) > 1:
                front["approved_by"] = "{ order: " + orders[1] + ", label: \"УТВЕРЖДЕНА приказом\" }"
            who = (f"**Наставник:** {mentor['last_name']} {mentor['first_name']} {mentor['middle_name']}."
                   if mentor["category"] != "student" else "**Наставник:** обучающийся старших классов.")
            self.page(f"{c}/{pg}.md", front,
                      who + "\n\n## Цель\n\n" + self.paragraph(2) + "\n\n## Задачи\n\n" + self.bullet_list(True, 5) +
                      "\n## План работы\n\n" + self.table(8) + "\n## Ожидаемые результаты\n\n" + self.paragraph(2) + "\n")
        for i in range(a.news):
            t = self.clause()
            self.page(f"{c}/news/2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}-novost-{i + 1:02d}.md",
                      {"title": t, "date": f"2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}",
                       "summary": self.sentence()},
                      self.body(a.paragraphs))

    def department(self, n):
        base = "https://region.example/nastavnichestvo/"
        self.json("data/site.json", {"title": "Наставничество в образовательных организациях Синтетического района",
                                     "base_url": base, "build_date": "2024-09-30", "gost": "2025",
                                     "privacy": {"students": "initials"}})
        self.json("data/org.json", {
            "kind": "department", "name": "Департамент образования администрации Синтетического района",
            "short_name": "Департамент образования", "parent_name": "Администрация Синтетического района",
            "place": "г. Синтетик", "address": "628000, г. Синтетик, ул. Центральная, д. 1",
            "phone": "8 (30000) 1-00-00", "email": "edu@region.example.ru",
            "head": {"position": "Директор департамента", "name": "А.Б. Петрова"},
            "curator": {"name": "Иванова Мария Петровна", "position": "методист",
                        "phone": "8 (30000) 1-00-01", "email": "metodist@region.example.ru"}})
        self.page("content/_index.md", {"title": "Наставничество в образовательных организациях района"},
                  self.paragraph(3) + "\n\n## Школы\n\n```nastavnik\ntable: schools\n```\n\n"
                  "## Участники по формам\n\n```nastavnik\ntable: participants\norg: all\n```\n")
        for i in range(3):
            self.page(f"content/orders/2024-0{i + 1}-15-{100 + i}-o.md",
                      {"title": "О реализации целевой модели наставничества в образовательных организациях района",
                       "number": f"{100 + i}-О", "date": f"2024-0{i + 1}-15", "signatory": "head"},
                      self.paragraph(2) + "\n\nПРИКАЗЫВАЮ:\n\n" + self.bullet_list(True, 4))
            self.page(f"content/news/2024-0{i + 1}-20-novost-{i + 1}.md",
                      {"title": "Районный семинар наставников", "date": f"2024-0{i + 1}-20"},
                      self.body(self.a.paragraphs))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="папка сайта (создаётся заново)")
    ap.add_argument("--schools", type=int, help="число школ")
    ap.add_argument("--pages", type=int, help="или: примерное число страниц Markdown (школ — сколько нужно)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, default=30)
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--roadmap-items", type=int, default=25)
    ap.add_argument("--orders", type=int, default=6)
    ap.add_argument("--programs", type=int, default=6)
    ap.add_argument("--news", type=int, default=10)
    ap.add_argument("--paragraphs", type=int, default=6, help="абзацев в новости")
    a = ap.parse_args()
    if a.people < 8 or a.orders < 1:
        ap.error("нужно не меньше 8 человек и 1 приказа")
    per_school = 2 + a.orders + a.programs + a.news  # _index, положение, приказы, программы, новости
    if a.schools is None:
        a.schools = max(1, math.ceil(((a.pages or 5000) - 7) / per_school))
    if os.path.exists(a.out):
        if not os.path.exists(os.path.join(a.out, "data", "site.json")):
            sys.exit(f"{a.out} существует и не похож на сайт: не удаляю")
        shutil.rmtree(a.out)
    g = Gen(a)
    g.department(a.schools)
    for no in range(1, a.schools + 1):
        g.school(no)
    print(f"schools={a.schools} pages={g.md} files={g.files}")


if __name__ == "__main__":
    main()
