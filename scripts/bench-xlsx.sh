#!/usr/bin/env bash
# Benchmark (not a test): the department summary workbook for many generated schools.
# Generates a department with N schools (default 1000) into a temporary folder and builds it with
# /usr/bin/time -v (--formats xlsx, -j2) at three levels of data:
#   summary    — schools with org.json only: the run makes just the summary workbook (N rows, charts);
#   monitoring — plus monitoring.json: the summary gains a sheet per indicator (N rows each), and
#                every school gets its monitoring workbook;
#   all        — plus people, pairs and a roadmap: every workbook (bases, merged bases) is made.
# Prints wall time, CPU time (user + sys: the machine may be shared) and peak memory (max RSS).
# Usage: scripts/bench-xlsx.sh [path to nastavnik] [number of schools]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/nastavnik}
N=${2:-1000}
TMP=$(mktemp -d /tmp/nastavnik-bench-xlsx.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

generate() {  # generate <site dir> <level: 0 org only, 1 + monitoring, 2 + people, pairs, roadmap>
  python3 - "$1" "$N" "$2" <<'EOF'
import json, os, random, sys
site, n, level = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(4)
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
os.makedirs(f"{site}/content", exist_ok=True)
write(f"{site}/data/site.json", {"title": "Наставничество: тест производительности",
      "base_url": "https://bench.example/", "build_date": "2024-09-30"})
write(f"{site}/data/org.json", {"kind": "department", "name": "Управление образования (тест)",
      "short_name": "Управление образования", "head": {"position": "Начальник", "name": "А.Б. Петрова"}})
forms = ["teacher-teacher", "student-student", "teacher-student", "manager-teacher"]
for s in range(1, n + 1):
    d = f"{site}/data/schools/school-{s:04d}"
    write(f"{d}/org.json", {"kind": "school", "name": f"Муниципальное бюджетное общеобразовательное учреждение «Школа № {s}»",
          "short_name": f"Школа № {s}", "head": {"position": "Директор", "name": "В.Г. Иванова"},
          "curator": {"name": "Сидорова Анна Петровна", "position": "заместитель директора"}})
    os.makedirs(f"{site}/content/schools/school-{s:04d}", exist_ok=True)
    if level < 1:
        continue
    write(f"{d}/monitoring.json", {
        "indicators": [
            {"id": "young", "title": "Доля молодых педагогов с наставником", "unit": "%",
             "values": {str(y): round(rnd.uniform(40, 100), 1) for y in range(2021, 2025)}, "target": 100},
            {"id": "events", "title": "Число мероприятий по наставничеству", "unit": "ед.",
             "values": {str(y): rnd.randint(1, 12) for y in range(2021, 2025)}}],
        "participants": [{"year": f"{y}/{y + 1}", "by_form": {f: {"mentors": rnd.randint(1, 9), "mentees": rnd.randint(1, 15)}
                          for f in rnd.sample(forms, 2)}} for y in range(2021, 2024)]})
    if level < 2:
        continue
    ppl, pairs = [], []
    for k in range(12):
        cat = "student" if k >= 8 else "teacher"
        ppl.append({"id": f"p{k}", "last_name": f"Фамилия{k}", "first_name": "Имя", "middle_name": "Отчество",
                    "category": cat, "position": "учитель" if cat == "teacher" else "", "class": "7А" if cat == "student" else None,
                    "young_specialist": k in (4, 5), "experience_years": rnd.randint(1, 30),
                    "contacts": {"phone": f"8 (900) {s:03d}-{k:02d}-00", "email": f"p{k}.s{s}@example.ru"},
                    "competencies": ["методика"], "interests": ["чтение"], "requests": ["адаптация"]})
    for k in range(4):
        pairs.append({"id": f"t{k}", "form": "teacher-teacher", "mentors": [f"p{k}"], "mentees": [f"p{k + 4}"],
                      "start": "2024-09-01", "end": "2025-05-31", "topic": "Адаптация", "result": "итог"})
    pairs.append({"id": "s1", "form": "student-student", "kind": "group", "mentors": ["p8"], "mentees": ["p9", "p10", "p11"],
                  "start": "2024-09-15"})
    write(f"{d}/people.json", ppl)
    write(f"{d}/pairs.json", pairs)
    write(f"{d}/roadmaps/plan.json", {"title": f"Дорожная карта школы № {s}", "stages": [{"title": "Основной этап", "items": [
        {"title": f"Мероприятие {i}", "deadline": "2024", "due": f"2024-{i + 1:02d}-15", "responsible": "Куратор",
         "done": i % 3 == 0} for i in range(8)]}]})
EOF
}

run() {  # run <label> <level>
  local site=$TMP/$1
  generate "$site" "$2"
  /usr/bin/time -v "$BIN" build --site "$site" --out "$site/out" --formats xlsx -j2 -q 2>"$TMP/$1.time" || {
    cat "$TMP/$1.time"
    exit 1
  }
  local wall cpu rss size count
  wall=$(grep 'Elapsed (wall clock)' "$TMP/$1.time" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$TMP/$1.time")
  rss=$(grep 'Maximum resident set size' "$TMP/$1.time" | awk '{print $NF}')
  size=$(stat -c %s "$site/out/site/summary.xlsx")
  count=$(find "$site/out" -name '*.xlsx' | wc -l)
  printf '%-10s %5d школ: %s (м:сс), процессор %s с, пик памяти %d МБ, summary.xlsx %d КБ, всего таблиц %d\n' \
    "$1" "$N" "$wall" "$cpu" $((rss / 1024)) $((size / 1024)) "$count"
}

run summary 0
run monitoring 1
run all 2
