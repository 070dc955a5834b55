// Reading the fields of one JSON/YAML object with diagnostics: required fields, types, dates,
// and a warning for every field the format does not know.
#pragma once
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/text.h"
#include "core/value.h"

namespace nastavnik {

class Fields {
 public:
  // `obj` must outlive this reader. When it is not an object, an error is reported once.
  Fields(const Value& obj, Diagnostics& diags, std::string what);
  ~Fields();  // reports unknown fields

  bool ok() const { return ok_; }
  const Value* raw(const std::string& key);
  SourcePos pos(const std::string& key) const;  // the key's place, or the object's
  const SourcePos& object_pos() const { return obj_.pos; }

  std::string str(const std::string& key, bool required = false);
  std::optional<Date> date(const std::string& key, bool required = false);
  bool boolean(const std::string& key, bool fallback);
  std::optional<bool> opt_boolean(const std::string& key);
  std::optional<double> number(const std::string& key, bool required = false);
  std::vector<std::string> strings(const std::string& key);
  // A lower-case ASCII id; errors when it is not a slug.
  std::string id(const std::string& key, bool required = true);
  void error(const std::string& key, const std::string& message);
  void ignore(std::initializer_list<const char*> keys);  // known but unused here

 private:
  const Value& obj_;
  Diagnostics& diags_;
  std::string what_;
  std::set<std::string> used_;
  bool ok_ = true;
  const Value* typed(const std::string& key, Value::Kind kind, const char* expected, bool required);
};

std::string wrong_type_message(const std::string& key, const char* expected, const Value& got);

}  // namespace nastavnik
