// A JSON/YAML value tree that remembers where each value and key stands in its file, so that every
// later stage can report problems with file:line:col.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"

namespace nastavnik {

struct Value {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string str;
  std::vector<Value> items;                           // array
  std::vector<std::pair<std::string, Value>> members;  // object, in file order
  SourcePos pos;      // where the value starts
  SourcePos key_pos;  // for an object member: where its key starts

  // Out of line: clang 14 with libstdc++ 12 cannot instantiate the implicit ones while
  // std::pair<std::string, Value> is still incomplete.
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  bool is_null() const { return kind == Kind::null; }
  bool is_bool() const { return kind == Kind::boolean; }
  bool is_number() const { return kind == Kind::number; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }
  const Value* get(std::string_view key) const;
  // Russian name of the kind, for messages: «строка», «число», …
  static const char* kind_name(Kind k);
};

// Parses JSON text. Errors (syntax, duplicate keys) go to diags with the position; returns nullopt
// when the text is not JSON.
std::optional<Value> parse_json(std::string_view text, const FileName& file, Diagnostics& diags);

// Parses a YAML document (front matter, data blocks) into the same tree; line_offset is added to
// positions (a front matter starts after the first '---' line of its file).
std::optional<Value> parse_yaml(std::string_view text, const FileName& file, int line_offset,
                                Diagnostics& diags);

namespace detail {
// The two readers parse_yaml uses: the direct one for flat `key: text` front matter (nullopt for
// anything else) and yaml-cpp. Here for the tests that compare them.
std::optional<Value> simple_yaml(std::string_view text, const FileName& file, int line_offset);
std::optional<Value> yaml_cpp(std::string_view text, const FileName& file, int line_offset, Diagnostics& diags);
}  // namespace detail

}  // namespace nastavnik
