// The publisher on a MemoryFs: staging, the swap, what a failed build leaves, duplicate paths;
// manifest.json; on the real file system, rebuilds that link unchanged files.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>
#include <nlohmann/json.hpp>

#include "publish/publisher.h"

using namespace nastavnik;

namespace {

OutputFile page(std::string path, std::string content, std::string source) {
  OutputFile f;
  f.path = std::move(path);
  f.kind = "page";
  f.content = std::move(content);
  f.sources = {std::move(source)};
  return f;
}

}  // namespace

TEST_CASE("a committed build replaces out/ with the staged files, manifest and private README") {
  MemoryFs fs;
  fs.files["/w/out/site/old.html"] = "old";
  Diagnostics d;
  {
    Publisher p(fs, "/w/out", "42");
    REQUIRE(p.begin(d));
    p.add(page("index.html", "<p>new</p>", "content/_index.md"), d);
    CHECK(fs.files.count("/w/out.staging-42/site/index.html") == 1);
    CHECK(fs.files.count("/w/out/site/index.html") == 0);  // nothing in out/ before commit
    REQUIRE(p.commit(d));
  }
  CHECK(d.error_count() == 0);
  CHECK(fs.files.at("/w/out/site/index.html") == "<p>new</p>");
  CHECK(fs.files.count("/w/out/site/old.html") == 0);
  CHECK(fs.files.at("/w/out/private/README.txt").find("НЕ ПУБЛИКУЙТЕ") != std::string::npos);
  const std::string& manifest = fs.files.at("/w/out/manifest.json");
  CHECK(manifest.find("\"path\": \"site/index.html\"") != std::string::npos);
  CHECK(manifest.find("\"content/_index.md\"") != std::string::npos);
  for (const auto& [path, _] : fs.files) CHECK(path.find("staging") == std::string::npos);
  for (const auto& [path, _] : fs.files) CHECK(path.find(".old-") == std::string::npos);
}

TEST_CASE("a build that does not commit leaves the previous out/ as it was") {
  MemoryFs fs;
  fs.files["/w/out/site/index.html"] = "previous";
  Diagnostics d;
  {
    Publisher p(fs, "/w/out", "7");
    REQUIRE(p.begin(d));
    p.add(page("index.html", "half-done", "content/_index.md"), d);
  }  // destroyed without commit: an error happened later in the build
  CHECK(fs.files.at("/w/out/site/index.html") == "previous");
  CHECK(fs.files.size() == 1);
}

TEST_CASE("two outputs with the same path are an error that names both sources") {
  MemoryFs fs;
  Diagnostics d;
  Publisher p(fs, "/w/out", "1");
  REQUIRE(p.begin(d));
  p.add(page("a/x.html", "one", "content/a/x.md"), d);
  p.add(page("a/x.html", "two", "content/a/y.md"), d);
  REQUIRE(d.error_count() == 1);
  std::string text = format_diagnostic(d.sorted().at(0));
  CHECK(text.find("content/a/y.md: ошибка: два источника пишут один и тот же файл out/site/a/x.html: "
                  "content/a/x.md и content/a/y.md") != std::string::npos);
  CHECK(fs.files.at("/w/out.staging-1/site/a/x.html") == "one");
}

TEST_CASE("folders left by a killed build are cleaned, an interrupted swap is put back") {
  MemoryFs fs;
  // pid 999999999 is not running: its staging folder is stale, its old out/ is the real one.
  fs.files["/w/out.staging-999999999/site/x.html"] = "stale";
  fs.files["/w/out.old-999999999/site/index.html"] = "kept";
  Diagnostics d;
  Publisher p(fs, "/w/out", "5");
  REQUIRE(p.begin(d));
  CHECK(fs.files.count("/w/out.staging-999999999/site/x.html") == 0);
  CHECK(fs.files.at("/w/out/site/index.html") == "kept");
}

TEST_CASE("manifest.json written entry by entry has the bytes of a JSON document dumped with indent 2") {
  std::vector<ManifestEntry> entries = {
      {"site/index.html", "page", "", {"content/_index.md", "data/org.json"}, 120},
      {"site/schools/a/\"кавычки\" и \\ обратная.html", "page", "a", {"content/schools/a/x\ty.md"}, 0},
      {"site/assets/style.css", "asset", "", {}, 18446744073709551615ull},
  };
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& e : entries)
    files.push_back({{"path", e.path}, {"kind", e.kind}, {"org", e.org}, {"sources", e.sources}, {"size", e.size}});
  nlohmann::ordered_json doc;
  doc["format"] = 1;
  doc["files"] = files;
  CHECK(manifest_json(entries) == doc.dump(2) + "\n");
  nlohmann::ordered_json empty;
  empty["format"] = 1;
  empty["files"] = nlohmann::ordered_json::array();
  CHECK(manifest_json({}) == empty.dump(2) + "\n");

  MemoryFs fs;
  Diagnostics d;
  Publisher p(fs, "/w/out", "3");
  REQUIRE(p.begin(d));
  p.add(page("b.html", "b", "content/b.md"), d);
  p.add(page("a.html", "a", "content/a.md"), d);
  CHECK(p.manifest_text() == manifest_json(p.manifest()));
  CHECK(p.kind_counts().at("page") == 2);
}

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
}  // namespace

TEST_CASE("a rebuild links unchanged files from out/ and never touches out/ before the swap") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("nk-publish-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  std::string out = (root / "out").string();
  auto real = make_real_fs();
  Diagnostics d;
  auto build = [&](const std::string& b, bool commit, size_t* reused = nullptr) {
    Publisher p(*real, out, "1");
    REQUIRE(p.begin(d));
    p.add(page("a.html", "same", "content/a.md"), d);
    p.add(page("dir/b.html", b, "content/b.md"), d);
    // Until the swap, out/ holds the previous build exactly.
    if (fs::exists(out)) CHECK(slurp(root / "out/site/a.html") == "same");
    if (commit) REQUIRE(p.commit(d));
    if (reused) *reused = p.reused();
  };
  size_t reused = 99;
  build("first", true, &reused);
  CHECK(reused == 0);  // nothing to reuse on a clean build
  auto inode_a = fs::hard_link_count(root / "out/site/a.html");
  CHECK(inode_a == 1);
  build("second", false);  // a failed build: out/ as it was
  CHECK(slurp(root / "out/site/dir/b.html") == "first");
  CHECK(slurp(root / "out/site/a.html") == "same");
  CHECK(fs::hard_link_count(root / "out/site/a.html") == 1);  // the staging links are gone
  build("second", true, &reused);
  CHECK(reused == 1);  // a.html linked, dir/b.html written
  CHECK(slurp(root / "out/site/dir/b.html") == "second");
  CHECK(slurp(root / "out/site/a.html") == "same");
  CHECK(fs::hard_link_count(root / "out/site/a.html") == 1);  // the old out/ was removed
  CHECK(d.error_count() == 0);
  for (const auto& e : fs::directory_iterator(root)) CHECK(e.path().filename() == "out");
  fs::remove_all(root);
}

TEST_CASE("manifest.json is written in parts that end after whole entries") {
  MemoryFs fs;
  Diagnostics d;
  Publisher p(fs, "/w/out", "4");
  REQUIRE(p.begin(d));
  for (int i = 0; i < 5000; ++i)  // about a megabyte of manifest: several parts
    p.add(page("schools/s" + std::to_string(i) + "/index.html", "x", "content/schools/s" + std::to_string(i) + "/_index.md"), d);
  std::vector<std::string> parts;
  p.manifest_parts([&](std::string_view part) { parts.emplace_back(part); });
  CHECK(parts.size() > 2);
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    joined += parts[i];
    if (i + 1 < parts.size()) CHECK(parts[i].ends_with("    }"));  // a whole entry
  }
  CHECK(joined == manifest_json(p.manifest()));
  REQUIRE(p.commit(d));
  CHECK(fs.files.at("/w/out/manifest.json") == joined);

  // write_manifest: the same parts, each checked before it is written; commit keeps that file.
  MemoryFs fs2;
  Publisher q(fs2, "/w/out", "5");
  REQUIRE(q.begin(d));
  for (int i = 0; i < 5000; ++i)
    q.add(page("schools/s" + std::to_string(i) + "/index.html", "x", "content/schools/s" + std::to_string(i) + "/_index.md"), d);
  std::vector<std::string> checked;
  REQUIRE(q.write_manifest(d, [&](std::string_view part) {
    checked.emplace_back(part);
    CHECK(fs2.files.at(q.staging_dir() + "/manifest.json").size() == [&] {
      size_t n = 0;
      for (size_t k = 0; k + 1 < checked.size(); ++k) n += checked[k].size();
      return n;
    }());  // checked before it is appended
  }));
  CHECK(checked == parts);
  fs2.files[q.staging_dir() + "/manifest.json"] += "<mark>";  // commit does not write it again
  REQUIRE(q.commit(d));
  CHECK(fs2.files.at("/w/out/manifest.json") == joined + "<mark>");
  CHECK(d.error_count() == 0);
}

TEST_CASE("the real file system writes each file into the folder now at its path, after renames and removals") {
  // RealFs keeps the folders it writes into open and creates files in them by name: a folder
  // renamed or removed since must not receive what is written to its old path.
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("nk-folders-" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto real = make_real_fs();
  const std::string a = (root / "a").string(), b = (root / "b").string();
  REQUIRE(real->make_dirs(a + "/x"));
  REQUIRE(real->write(a + "/x/1.html", "first"));
  REQUIRE(real->rename(a, b));  // the open folder a/x is now b/x
  REQUIRE(real->make_dirs(a + "/x"));
  REQUIRE(real->write(a + "/x/2.html", "second"));
  CHECK(slurp(root / "a/x/2.html") == "second");
  CHECK(!fs::exists(root / "b/x/2.html"));
  CHECK(slurp(root / "b/x/1.html") == "first");
  real->remove_all(a);
  REQUIRE(real->make_dirs(a + "/x"));
  REQUIRE(real->write(a + "/x/3.html", "third"));
  CHECK(slurp(root / "a/x/3.html") == "third");
  // Many folders, more than it keeps open, each written twice, from two threads.
  std::vector<std::thread> workers;
  for (int t = 0; t < 2; ++t)
    workers.emplace_back([&, t] {
      for (int round = 0; round < 2; ++round)
        for (int i = 0; i < 100; ++i) {
          std::string dir = (root / ("t" + std::to_string(t)) / std::to_string(i)).string();
          real->make_dirs(dir);
          real->write(dir + "/f" + std::to_string(round) + ".txt", dir + std::to_string(round));
        }
    });
  for (auto& w : workers) w.join();
  for (int t = 0; t < 2; ++t)
    for (int i = 0; i < 100; ++i)
      for (int round = 0; round < 2; ++round) {
        fs::path dir = root / ("t" + std::to_string(t)) / std::to_string(i);
        CHECK(slurp(dir / ("f" + std::to_string(round) + ".txt")) == dir.string() + std::to_string(round));
      }
  fs::remove_all(root);
}
