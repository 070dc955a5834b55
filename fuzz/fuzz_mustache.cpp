// libFuzzer target: the Mustache engine of the page templates (a site's templates/html/*.mustache
// are its own input). Parses the input; a template it accepts is rendered over data with lists,
// objects, texts and booleans, with itself as the partial «self» (a partial may include itself).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "render/html/mustache.h"

using nastavnik::mustache::Template;
using nastavnik::mustache::TemplateSet;
using nastavnik::mustache::Value;

namespace {
class OneSet : public TemplateSet {
 public:
  explicit OneSet(const Template& t) : t_(t) {}
  const Template* find(std::string_view name) const override { return name == "self" ? &t_ : nullptr; }

 private:
  const Template& t_;
};

Value make_data() {
  Value root;
  root.set("title", "Заголовок <b>&amp;</b> \"кавычки\" 'апостроф'");
  root.set("yes", Value::boolean(true));
  root.set("no", Value::boolean(false));
  root.set("empty", Value::list());
  Value& menu = root.set("menu", Value::list());
  bool current = false;
  for (const char* t : {"О разделе", "Документы", "Новости"}) {
    Value& item = menu.push(Value());
    item.set("title", t);
    item.set("url", "news/index.html");
    item.set("current", Value::boolean(current));
    current = !current;
  }
  Value& obj = root.set("obj", Value());
  obj.set("a", "вложенное");
  obj.set("list", Value::list()).push(Value::text("один"));
  return root;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Value kData = make_data();
  if (size > 64 * 1024) return 0;
  Template t(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!t.ok()) {
    if (t.error().empty() || t.error_line() < 1 || t.error_col() < 1) __builtin_trap();  // errors say where
    return 0;
  }
  OneSet set(t);
  std::string out;
  // A render that multiplies stops at the limits (smaller here, so that such inputs stay quick);
  // a node past the limit adds at most the input.
  const Template::Limits limits{1 << 20, 200'000};
  (void)t.render(kData, out, &set, limits);
  if (out.size() > limits.output + size + 1024) __builtin_trap();
  return 0;
}
