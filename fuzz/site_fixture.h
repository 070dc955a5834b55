// A small site in a temporary folder that the fuzz targets overwrite one file of per input: the
// loaders and the renderers are fuzzed through the real code paths (load_site reads files).
#pragma once
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace nastavnik::fuzz {

inline void write_file(const std::filesystem::path& p, std::string_view data) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// The files of a valid school site with people, pairs, a roadmap, monitoring and events.
inline void write_base_site(const std::filesystem::path& root) {
  write_file(root / "data/site.json", R"({"title": "Фазз", "base_url": "https://fuzz.example/", "build_date": "2024-03-01"})");
  write_file(root / "data/org.json", R"({"kind": "school", "name": "МБОУ «Школа № 1»", "short_name": "Школа № 1",
  "head": {"position": "Директор", "name": "А.А. Иванов"},
  "curator": {"position": "методист", "name": "Петрова Мария Ивановна", "phone": "8 (800) 000-00-01", "email": "c@example.ru"}})");
  write_file(root / "data/people.json", R"([
  {"id": "t1", "last_name": "Крылова", "first_name": "Анна", "middle_name": "Сергеевна", "category": "teacher",
   "experience_years": 20, "contacts": {"phone": "ZZPHONE1", "email": "zz1@example.ru"},
   "competencies": ["ZZCOMP1"], "interests": ["ZZINT1"], "requests": ["ZZREQ1"]},
  {"id": "t2", "last_name": "Дёмин", "first_name": "Павел", "category": "teacher", "young_specialist": true},
  {"id": "s1", "last_name": "Сидоров", "first_name": "Пётр", "category": "student", "class": "8Б"}
])");
  write_file(root / "data/pairs.json", R"([
  {"id": "p1", "form": "teacher-teacher", "mentors": ["t1"], "mentees": ["t2"], "start": "2023-09-01",
   "status": "active", "program": "programs/prog", "result": "ZZRESULT1"},
  {"id": "p2", "form": "teacher-student", "mentors": ["t1"], "mentees": ["s1"], "status": "terminated"}
])");
  write_file(root / "data/monitoring.json", R"({"indicators": [{"id": "share", "title": "Доля", "unit": "%",
  "values": {"2022": 10.5, "2023": 20}}], "participants": [{"year": "2023", "by_form": {"teacher-teacher": {"mentors": 1, "mentees": 1}}}]})");
  write_file(root / "data/events.json", R"([{"date": "2023-10-12", "title": "Семинар", "participants": 12}])");
  write_file(root / "data/roadmaps/main.json", R"({"title": "Дорожная карта", "stages": [{"title": "Этап 1",
  "items": [{"title": "Положение", "deadline": "2023-09-01", "done": true}, {"title": "Отчёт", "deadline": "2023-12-01"}]}]})");
  write_file(root / "content/_index.md", "---\ntitle: Наставничество\n---\nТекст.\n");
  write_file(root / "content/programs/prog.md", "---\ntitle: Программа наставничества\n---\nПрограмма.\n");
  write_file(root / "content/orders/order.md",
             "---\ntitle: О внедрении целевой модели\ndate: 2023-09-01\nnumber: \"1\"\n---\nПРИКАЗЫВАЮ:\n\n1. Внедрить.\n");
}

// A fresh folder under $TMPDIR (or /dev/shm when it exists) for this process.
inline std::filesystem::path make_temp_root(const char* name) {
  std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  if (const char* t = std::getenv("NASTAVNIK_FUZZ_TMP")) base = t;
  auto root = base / (std::string("nastavnik-") + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  return root;
}

// Removes the folder when the process ends.
struct TempRoot {
  std::filesystem::path path;
  explicit TempRoot(const char* name) : path(make_temp_root(name)) {}
  ~TempRoot() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace nastavnik::fuzz
