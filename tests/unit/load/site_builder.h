// A small site written to a temporary folder, for tests of loading and diagnostics.
#pragma once
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

struct TempSite {
  std::filesystem::path root;
  explicit TempSite(const std::string& name) {
    root = std::filesystem::temp_directory_path() /
           ("nastavnik-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    // A minimal valid department with one school.
    write("data/site.json", R"({"title": "Тест", "base_url": "https://t.example/", "build_date": "2024-09-30"})");
    write("data/org.json", R"({"kind": "department", "name": "Отдел образования", "short_name": "Отдел",
      "head": {"position": "Начальник", "name": "А.Б. Петрова"}})");
    write("data/schools/s1/org.json", R"({"kind": "school", "name": "Школа № 1", "short_name": "СОШ № 1",
      "head": {"position": "Директор", "name": "В.Г. Сидоров"}})");
    write("content/_index.md", "---\ntitle: Наставничество\n---\nТекст.\n");
  }
  ~TempSite() { std::filesystem::remove_all(root); }
  void write(const std::string& rel, const std::string& text) {
    auto p = root / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
};
