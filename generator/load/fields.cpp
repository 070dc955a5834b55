#include "load/fields.h"

#include <cmath>

namespace nastavnik {

std::string wrong_type_message(const std::string& key, const char* expected, const Value& got) {
  return "поле «" + key + "» должно быть " + expected + ", а не " + Value::kind_name(got.kind) +
         (got.is_null() ? "" : "");
}

Fields::Fields(const Value& obj, Diagnostics& diags, std::string what)
    : obj_(obj), diags_(diags), what_(std::move(what)) {
  if (!obj.is_object()) {
    diags_.error(obj.pos, what_ + " должен быть объектом JSON, а не " + Value::kind_name(obj.kind));
    ok_ = false;
  }
}

Fields::~Fields() {
  if (!ok_) return;
  for (const auto& [k, v] : obj_.members)
    if (!used_.count(k))
      diags_.warning(v.key_pos, "неизвестное поле «" + k + "» в " + what_ + " (пропущено)");
}

const Value* Fields::raw(const std::string& key) {
  used_.insert(key);
  const Value* v = ok_ ? obj_.get(key) : nullptr;
  return v && !v->is_null() ? v : nullptr;
}

SourcePos Fields::pos(const std::string& key) const {
  if (ok_)
    if (const Value* v = obj_.get(key)) return v->key_pos;
  return obj_.pos;
}

void Fields::ignore(std::initializer_list<const char*> keys) {
  for (const char* k : keys) used_.insert(k);
}

void Fields::error(const std::string& key, const std::string& message) {
  const Value* v = ok_ ? obj_.get(key) : nullptr;
  diags_.error(v ? v->pos : obj_.pos, message);
}

const Value* Fields::typed(const std::string& key, Value::Kind kind, const char* expected,
                           bool required) {
  const Value* v = raw(key);
  if (!v) {
    if (required && ok_) diags_.error(obj_.pos, "нет обязательного поля «" + key + "» в " + what_);
    return nullptr;
  }
  if (v->kind != kind) {
    diags_.error(v->pos, wrong_type_message(key, expected, *v));
    return nullptr;
  }
  return v;
}

std::string Fields::str(const std::string& key, bool required) {
  const Value* v = raw(key);
  if (!v) {
    if (required && ok_) diags_.error(obj_.pos, "нет обязательного поля «" + key + "» в " + what_);
    return "";
  }
  // Numbers are accepted where text is expected (YAML `number: 76`): written as in the file.
  if (v->is_number()) {
    if (!v->str.empty()) return v->str;
    double d = v->number;
    if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    return format_number(d, 6);
  }
  if (!v->is_string()) {
    diags_.error(v->pos, wrong_type_message(key, "строкой", *v));
    return "";
  }
  if (required && trim(v->str).empty())
    diags_.error(v->pos, "поле «" + key + "» не может быть пустым");
  return v->str;
}

std::optional<Date> Fields::date(const std::string& key, bool required) {
  const Value* v = typed(key, Value::Kind::string, "датой ГГГГ-ММ-ДД в виде строки", required);
  if (!v) return std::nullopt;
  auto d = parse_iso_date(v->str);
  if (!d) diags_.error(v->pos, "поле «" + key + "»: неверная дата «" + v->str + "», ожидается ГГГГ-ММ-ДД");
  return d;
}

bool Fields::boolean(const std::string& key, bool fallback) {
  const Value* v = typed(key, Value::Kind::boolean, "true или false", false);
  return v ? v->boolean : fallback;
}
std::optional<bool> Fields::opt_boolean(const std::string& key) {
  const Value* v = typed(key, Value::Kind::boolean, "true или false", false);
  if (!v) return std::nullopt;
  return v->boolean;
}

std::optional<double> Fields::number(const std::string& key, bool required) {
  const Value* v = typed(key, Value::Kind::number, "числом", required);
  if (!v) return std::nullopt;
  return v->number;
}

std::vector<std::string> Fields::strings(const std::string& key) {
  std::vector<std::string> out;
  const Value* v = raw(key);
  if (!v) return out;
  if (v->is_string()) {  // a single string where a list is expected
    out.push_back(v->str);
    return out;
  }
  if (!v->is_array()) {
    diags_.error(v->pos, wrong_type_message(key, "списком строк", *v));
    return out;
  }
  for (const Value& item : v->items) {
    if (!item.is_string()) {
      diags_.error(item.pos, "элементы поля «" + key + "» должны быть строками, а не " +
                                 Value::kind_name(item.kind));
      continue;
    }
    out.push_back(item.str);
  }
  return out;
}

std::string Fields::id(const std::string& key, bool required) {
  std::string s = str(key, required);
  if (!s.empty() && !is_valid_slug(s)) {
    error(key, "недопустимый идентификатор «" + s +
                   "»: разрешены строчные латинские буквы, цифры и «-»");
    return "";
  }
  return s;
}

}  // namespace nastavnik
