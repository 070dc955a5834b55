// Mustache templates for the HTML pages: our own engine, parsed once per build and rendered from
// any number of threads (a parsed template is immutable).
//
// What it renders is what kainjow mustache 4.1, the engine before it, rendered for the same
// template and data (a differential unit test compares the two): variables {{x}} (HTML-escaped:
// & < > " '), {{{x}}} and {{&x}}, sections {{#x}}…{{/x}} (a list repeats, an object or a string
// becomes the context, false and an empty list render nothing), inverted sections {{^x}}, dotted
// names {{a.b}}, the implicit iterator {{.}}, comments {{! }} and delimiter changes {{=<% %>=}}.
// A line that held only a rendered section tag and whitespace is left out, as kainjow left it out.
// One difference: a partial {{> name}} renders the template `name` of the same set (kainjow looked
// the name up in the data, where nastavnik never put a partial, so it rendered nothing).
//
// The data is a tree of Values whose strings are views: the strings must outlive the render (the
// HTML renderer builds a page's Values over its PageView). No string is copied to render a page.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nastavnik::mustache {

class Value {
 public:
  enum class Kind : uint8_t { object, list, text, yes, no };

  Value() = default;  // an empty object
  static Value text(std::string_view s) {
    Value v(Kind::text);
    v.text_ = s;
    return v;
  }
  static Value boolean(bool b) { return Value(b ? Kind::yes : Kind::no); }
  static Value list() { return Value(Kind::list); }

  Kind kind() const { return kind_; }
  std::string_view str() const { return text_; }
  const std::vector<Value>& items() const { return items_; }

  // An object's field; a key set again replaces the value. `key` must outlive the Value.
  Value& set(std::string_view key, Value v);
  Value& set(std::string_view key, std::string_view s) { return set(key, text(s)); }
  // Room for `n` fields of an object or items of a list (a page's data is built for every page).
  void reserve(size_t n) { kind_ == Kind::list ? items_.reserve(n) : fields_.reserve(n); }
  // A list's item.
  Value& push(Value v) {
    items_.push_back(std::move(v));
    return items_.back();
  }
  // An object's field by name, or null (also for a list, a text or a boolean).
  const Value* get(std::string_view key) const;

  bool falsy() const { return kind_ == Kind::no || (kind_ == Kind::list && items_.empty()); }

 private:
  explicit Value(Kind k) : kind_(k) {}
  Kind kind_ = Kind::object;
  std::string_view text_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string_view, Value>> fields_;
};

class TemplateSet;

// One parsed template.
class Template {
 public:
  // Parses `text`; on a syntax error ok() is false, error() says in Russian what is wrong and
  // error_line(), error_col() where (from 1; the column in characters).
  explicit Template(std::string_view text);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int error_line() const { return error_line_; }
  int error_col() const { return error_col_; }
  // Appends the render of `data` to `out`; partials are looked up in `partials` (none without).
  static constexpr size_t kMaxNesting = 100;        // sections in sections (the render recurses)
  static constexpr size_t kMaxOutput = 64u << 20;  // bytes of one render
  static constexpr size_t kMaxSteps = 20'000'000;  // nodes of one render (a page takes thousands)
  struct Limits {
    size_t output = kMaxOutput;
    size_t steps = kMaxSteps;
  };
  // False when the render grew past the limits' bytes or nodes (sections of the same list nested
  // in each other, a partial that includes itself in a list: the work multiplies): `out` then
  // holds an unfinished page.
  bool render(const Value& data, std::string& out, const TemplateSet* partials, Limits limits) const;
  bool render(const Value& data, std::string& out, const TemplateSet* partials = nullptr) const;

 private:
  friend class Renderer;
  enum class Type : uint8_t { text, newline, variable, raw_variable, section, inverted, partial };
  struct Node {
    Type type;
    uint32_t end = 0;                // a section: the index past its last node
    std::string text;                // text, newline, or the tag's name
    std::vector<std::string> parts;  // a dotted name split at the dots (kainjow's rules)
  };
  std::vector<Node> nodes_;
  std::string error_;
  int error_line_ = 0, error_col_ = 0;
};

// Templates by name: a partial {{> name}} renders the template of that name.
class TemplateSet {
 public:
  virtual ~TemplateSet() = default;
  virtual const Template* find(std::string_view name) const = 0;
};

}  // namespace nastavnik::mustache
