// Electronic signatures with OpenSSL: the fields of the signer's X.509 certificate for the stamp,
// and the check that a detached CMS signature signs exactly the PDF we generated.
#pragma once
#include <optional>
#include <string>

#include "core/text.h"

namespace nastavnik::pdf {

struct CertificateInfo {
  std::string serial;  // hex, upper case
  std::string owner;   // CN (or O, or the whole subject)
  Date not_before, not_after;
};

// PEM or DER. On failure returns nullopt and a Russian reason in `error`.
std::optional<CertificateInfo> read_certificate(const std::string& bytes, std::string& error);

enum class SignatureCheck { valid, mismatch, unsupported, invalid };
// `sig` is a detached CMS/PKCS#7 signature (DER or PEM) over `data`.
SignatureCheck check_signature(const std::string& sig, const std::string& data, std::string& detail);

}  // namespace nastavnik::pdf
