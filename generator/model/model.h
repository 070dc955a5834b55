// The model: a site as the renderers see it, every reference resolved. Built by load/, checked by
// check/, read (never changed) by the renderers.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "core/text.h"
#include "core/value.h"
#include "model/styles.h"
#include "model/workbook_styles.h"

namespace nastavnik {

enum class Category { teacher, student, university_student, employer, manager, organization };
enum class Form {
  student_student, teacher_teacher, teacher_student, university_student_student,
  employer_student, employer_university_student, manager_teacher, org_org
};
enum class PairKind { individual, group, flash, network, reverse, virtual_ };
enum class PairStatus { planned, active, completed, terminated };
enum class PageType { order, document, program, report, practice, news, page, index };
enum class ItemStatus { done, overdue, in_progress };

// Names and codes of the enums, as in FORMAT.md and in Russian.
const std::vector<Form>& all_forms();
std::string_view form_code(Form f);
std::string_view form_title(Form f);  // «Учитель – учитель»
std::optional<Form> form_from_code(std::string_view s);
std::optional<Category> category_from_code(std::string_view s);
std::string_view category_title(Category c);
std::optional<PairKind> pair_kind_from_code(std::string_view s);
std::string_view pair_kind_title(PairKind k);
std::optional<PairStatus> pair_status_from_code(std::string_view s);
std::string_view pair_status_title(PairStatus s);
std::optional<PageType> page_type_from_code(std::string_view s);
std::string_view page_type_code(PageType t);
std::string_view item_status_title(ItemStatus s);  // выполнено / просрочено / в работе
std::string_view item_status_code(ItemStatus s);   // done / overdue / in-progress

struct Signer {
  std::string position, name;
};

struct Contacts {
  std::string phone, email;
};

struct Person {
  std::string id;
  std::string last_name, first_name, middle_name;
  Category category = Category::teacher;
  std::string position, class_name;
  bool young_specialist = false;
  std::optional<double> experience_years;  // private
  bool publish_name = true, publish_photo = false;
  Contacts contacts;                                         // private
  std::vector<std::string> competencies, interests, requests;  // private
  std::string birth_date, achievements;                     // private (extensions)
  SourcePos pos;

  std::string full_name() const;   // Фамилия Имя Отчество
  std::string short_name() const;  // Фамилия И.О.
  std::string initials_name() const;  // «Иванов И.»
};

struct Page;
struct Org;
struct Compliance;  // model/compliance.h

struct Pair {
  std::string id;
  Form form = Form::teacher_teacher;
  PairKind kind = PairKind::individual;
  std::vector<const Person*> mentors, mentees;
  std::optional<Date> start, end;
  PairStatus status = PairStatus::active;
  const Page* program = nullptr;
  const Page* order = nullptr;
  std::string topic;
  std::string result;  // private
  SourcePos pos;
};

struct RoadmapItem {
  std::map<std::string, std::string> fields;  // title, indicator, result, deadline, responsible, …
  std::optional<Date> due;
  bool done = false;
  SourcePos pos;
  const std::string& title() const;
  ItemStatus status(Date today) const;
};
struct RoadmapStage {
  std::string title;
  std::vector<RoadmapItem> items;
};
struct Roadmap {
  std::string id, title;
  std::vector<std::string> columns;  // item fields after «№»
  std::map<std::string, std::string> labels;
  std::vector<RoadmapStage> stages;
  std::string file;
  std::string label(const std::string& column) const;
  size_t item_count() const;
};

struct Indicator {
  std::string id, title, unit;
  std::vector<std::pair<std::string, double>> values;  // year → value, in year order
  std::optional<double> target;
  SourcePos pos;
};
struct FormCount {
  long mentors = 0, mentees = 0;
};
struct ParticipantsYear {
  std::string year;
  std::map<Form, FormCount> by_form;
  SourcePos pos;
  long mentors() const;
  long mentees() const;
};
struct Monitoring {
  std::vector<Indicator> indicators;
  std::vector<ParticipantsYear> participants;
  std::string file;
  const Indicator* indicator(std::string_view id) const;
};

struct Event {
  std::optional<Date> date;
  std::string when, title, format, link;
  std::optional<long> participants;
  SourcePos pos;
  std::string when_text() const;  // «12 октября 2023 г.» or the free text
};

// A fenced ```nastavnik block of a page.
struct DataBlock {
  enum class Kind { table, roadmap, chart, video };
  Kind kind = Kind::table;
  std::string what;       // table: participants|pairs|schools|events|indicators; chart: participants|indicator; roadmap id; video url
  std::string org = "";   // "" = the page's organisation, "all", or a school id
  std::string indicator;  // chart: indicator
  std::string title;      // optional caption
  SourcePos pos;
};

struct Appendix {
  enum class Kind { roadmap, page, file };
  Kind kind = Kind::page;
  std::string ref;
  const Roadmap* roadmap = nullptr;
  const Page* page = nullptr;
  std::string file_path;  // site-relative path of an attached file
  SourcePos pos;
};

struct Attachment {
  std::string source;  // site-relative path: content/orders/files/x.pdf
  std::string url;     // path in the web root: orders/files/x.pdf
  unsigned long long size = 0;
};

struct Page {
  std::string section, slug;  // section "" for an organisation's _index.md
  PageType type = PageType::page;
  std::string title, summary;
  std::optional<Date> date;
  bool draft = false;
  double weight = 0;
  // Documents
  std::string number, doc_name;
  std::optional<Signer> signatory;  // resolved: head of the organisation when "head"
  std::optional<Signer> executor;   // name + phone (in position)
  std::vector<std::string> acquainted;
  const Page* approved_by = nullptr;
  std::string approved_label;
  std::vector<Appendix> appendices;
  std::string certificate, signature_file;  // site-relative paths
  // Body
  // Body: the Markdown after the front matter, kept as loading read it while the site's budget
  // for kept bodies lasts (load.h: LoadOptions::kept_body_bytes); past it, it stays in the file
  // and is read again when rendered (model/markdown.h: page_body).
  std::optional<std::string> body;
  unsigned long long file_size = 0;    // bytes of the file when it was loaded
  unsigned long long body_offset = 0;  // where the body starts in the file
  size_t body_size = 0;
  int body_line = 1;     // line of the file where the body starts
  std::vector<DataBlock> blocks;
  std::string file;      // site-relative source path
  std::string url;       // path in the web root, e.g. schools/sosh1/orders/x.html
  const Org* org = nullptr;
  std::vector<std::string> unknown_fields;

  std::string ref() const { return section + "/" + slug; }
  std::string number_text() const;  // «№ 76» or ""
};

struct Org {
  std::string id;  // "" for the site's own organisation, the school folder name otherwise
  bool department = false;
  std::string name, short_name, parent_name, place, address, phone, email, site;
  Signer head;
  std::optional<Signer> curator;
  Contacts curator_contacts;  // work contacts: public
  std::vector<std::unique_ptr<Person>> people;
  std::vector<Pair> pairs;
  std::vector<std::unique_ptr<Roadmap>> roadmaps;
  std::optional<Monitoring> monitoring;
  std::vector<Event> events;
  std::vector<std::unique_ptr<Page>> pages;  // without drafts
  std::vector<Attachment> attachments;       // content/…/files/*
  const Page* index = nullptr;               // _index.md
  std::vector<std::unique_ptr<Org>> schools;  // department only
  const Org* parent = nullptr;
  std::string data_dir, content_dir;  // site-relative: data, data/schools/x; content, content/schools/x
  std::string url_prefix;             // "" or "schools/x/"
  // What the other organisations read of this one (the department's tables and workbooks, the
  // summary `build` prints): compliance_of() computed when the organisation is loaded, its details
  // without pointers (model/compliance.h: summary_of). It stays when the data is released.
  std::shared_ptr<const Compliance> summary;
  // A large site releases a school's people, pairs, roadmap items and pages once it is loaded and
  // checked, and loads them again to render it (load.h: release_org, reload_org). What stays: the
  // fields of org.json, monitoring, events, roadmaps without their items, `summary`.
  bool released = false;
  // A hash of the texts (and attachments' sizes) the organisation was loaded from: a reload that
  // reads anything else is refused (the files changed during the build). Only a released site's
  // schools have it (0 elsewhere: they are never loaded again).
  unsigned long long source_hash = 0;

  const Person* person(std::string_view id) const;
  const Roadmap* roadmap(std::string_view id) const;
  const Page* page(std::string_view ref) const;  // "<section>/<slug>"
  std::vector<const Page*> pages_of(std::string_view section) const;
  // Counts for the current year: from pairs when they exist, else from monitoring.
  std::map<Form, FormCount> current_counts() const;
};

struct SiteSettings {
  std::string title, base_url;
  Date build_date;
  std::string gost = "2025";
  std::string privacy_students = "initials";
};

// Where a file of the site is published: what a Markdown link to a page (without drafts) or to an
// attached file (content/…/files/*) resolves to.
struct LinkDest {
  std::string url;                  // path in the web root
  unsigned long long size = 0;      // attachments: bytes, for the link's label
  bool attachment = false;
};

struct Site {
  std::string root;  // absolute path of the site folder
  SiteSettings settings;
  Styles styles;
  WorkbookStyles workbook_styles;  // templates/workbooks/*.yaml (render/xlsx)
  std::unique_ptr<Org> org;
  // Site-relative source file → where it is published, for every organisation (filled while
  // loading: it stays when an organisation's pages are released).
  std::unordered_map<std::string, LinkDest> links;
  // Built school by school (load.h: release_schools_over): schools are released once loaded.
  bool school_by_school = false;
  std::vector<const Org*> orgs() const;  // the site's organisation, then its schools
  const Org* find_org(std::string_view id) const;
};

// How a person may be named on public outputs (DOMAIN.md): the full name or short name when they
// consented, «Фамилия И.» for pupils without consent (privacy "initials"), nothing otherwise.
std::optional<std::string> public_name(const Person& p, const SiteSettings& s);

}  // namespace nastavnik
