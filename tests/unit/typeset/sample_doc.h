// A fake order with everything the engine supports, shared by the tests.
#pragma once

#include <cmath>
#include <string>

#include "typeset/typeset.h"

namespace sample {

using namespace nastavnik::typeset;

inline Paragraph para(std::string text, Align align = Align::justify, double indent = 12.5) {
  Paragraph p;
  p.spans.push_back(Span{std::move(text)});
  p.align = align;
  p.first_indent_mm = indent;
  return p;
}

inline Paragraph item(std::string label, std::string text) {
  Paragraph p = para(std::move(text));
  p.label = std::move(label);
  return p;
}

inline Cell cell(std::string text, int colspan = 1) {
  Cell c;
  c.paras.push_back(para(std::move(text), Align::left, 0));
  c.colspan = colspan;
  return c;
}

inline const char* kLorem =
    "В целях реализации распоряжения Министерства просвещения Российской Федерации от 25 декабря "
    "2019 г. № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для "
    "организаций, осуществляющих образовательную деятельность по общеобразовательным, "
    "дополнительным общеобразовательным и программам среднего профессионального образования, в том "
    "числе с применением лучших практик обмена опытом между обучающимися», а также для обеспечения "
    "непрерывного профессионального развития педагогических работников и закрепления молодых "
    "специалистов в образовательных организациях муниципального образования";

inline Table roadmap(int stages, int rows_per_stage) {
  Table t;
  t.header.push_back({cell("№ п/п"), cell("Мероприятие"), cell("Сроки"), cell("Ответственный"),
                      cell("Результат")});
  for (int s = 1; s <= stages; ++s) {
    t.rows.push_back({cell("Этап " + std::to_string(s) + ". Подготовка условий для запуска программы "
                           "наставничества",
                           5)});
    for (int r = 1; r <= rows_per_stage; ++r) {
      std::string n = std::to_string(s) + "." + std::to_string(r) + ".";
      std::string what = "Подготовка нормативной базы реализации целевой модели наставничества";
      if (r % 3 == 0) what += ", проведение совещаний с педагогическими работниками и информирование родителей";
      t.rows.push_back({cell(n), cell(what), cell("до 15.09.2025"), cell("Е.А.\u00A0Смирнова, куратор"),
                        cell("Приказ, протокол совещания")});
    }
  }
  return t;
}

inline Document order(bool with_table = true) {
  Document d;
  d.title = "Приказ о внедрении целевой модели наставничества";
  d.author = "МБОУ «Средняя школа № 1»";
  d.subject = "Наставничество";
  auto& b = d.blocks;
  Paragraph org = para("Управление образования администрации города Кедровый", Align::center, 0);
  b.push_back(org);
  Paragraph org2 = para("Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
                        Align::center, 0);
  org2.spans[0].bold = true;
  org2.space_after_pt = 12;
  b.push_back(org2);
  Heading h;
  h.spans.push_back(Span{"ПРИКАЗ"});
  b.push_back(h);
  TwoSided date;
  date.left.push_back(Span{"10.11.2025"});
  date.right.push_back(Span{"№\u00A076"});
  b.push_back(date);
  b.push_back(para("г. Кедровый", Align::center, 0));
  Paragraph title = para("О внедрении целевой модели наставничества в МБОУ «Средняя школа № 1»",
                         Align::left, 0);
  title.space_before_pt = 12;
  title.space_after_pt = 12;
  title.keep_with_next = true;
  b.push_back(title);
  b.push_back(para(kLorem));
  Paragraph pr = para("ПРИКАЗЫВАЮ:", Align::left, 0);
  pr.keep_with_next = true;
  b.push_back(pr);
  b.push_back(item("1.", "Внедрить целевую модель наставничества в МБОУ «Средняя школа № 1» с 01.09.2025."));
  b.push_back(item("2.", "Утвердить:"));
  b.push_back(item("2.1.", "Положение о наставничестве (приложение 1)."));
  b.push_back(item("2.2.", "Дорожную карту внедрения целевой модели наставничества (приложение 2)."));
  Paragraph link = item("3.", "Разместить приказ на официальном сайте: ");
  link.spans.push_back(Span{"https://school1.example.ru/nastavnichestvo", false, false,
                            "https://school1.example.ru/nastavnichestvo"});
  b.push_back(link);
  b.push_back(item("4.", "Контроль исполнения приказа оставляю за собой."));
  TwoSided sign;
  sign.left.push_back(Span{"Директор"});
  sign.right.push_back(Span{"И.О.\u00A0Фамилия"});
  b.push_back(sign);
  Stamp st;
  st.lines = {"ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ", "Сертификат 01AB23CD45EF", "Владелец Фамилия Имя Отчество",
              "Действителен с 01.02.2025 по 01.05.2026"};
  b.push_back(st);
  b.push_back(QrCode{"https://school1.example.ru/docs/prikaz-76", 25});
  Footer f;
  f.spans.push_back(Span{"Исполнитель: Смирнова Елена Александровна, +7 (38250) 3-12-34"});
  b.push_back(f);
  if (with_table) {
    b.push_back(PageBreak{});
    Corner c;
    Paragraph cp = para("Приложение 2\nк приказу МБОУ «Средняя школа № 1» от 10.11.2025 № 76", Align::left, 0);
    cp.size_pt = 12;
    c.paras.push_back(cp);
    b.push_back(c);
    Heading h2;
    h2.spans.push_back(Span{"Дорожная карта внедрения целевой модели наставничества"});
    b.push_back(h2);
    b.push_back(roadmap(4, 9));
    Chart ch;
    ch.kind = Chart::bar;
    ch.title = "Доля участников наставничества, %";
    ch.categories = {"2022/23", "2023/24", "2024/25"};
    ch.series = {{"Обучающиеся", {42.8, 55.1, 70}}, {"Педагоги", {30, NAN, 64.5}}};
    ch.unit = "%";
    b.push_back(ch);
  }
  return d;
}

}  // namespace sample
