#include "render/pdf/signature.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace nastavnik::pdf {

namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;

BioPtr mem(const std::string& s) { return BioPtr(BIO_new_mem_buf(s.data(), static_cast<int>(s.size()))); }

std::string name_entry(X509_NAME* name, int nid) {
  int i = X509_NAME_get_index_by_NID(name, nid, -1);
  if (i < 0) return "";
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, data);
  if (len < 0) return "";
  std::string s(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return s;
}

Date to_date(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

std::optional<CertificateInfo> read_certificate(const std::string& bytes, std::string& error) {
  ERR_clear_error();
  X509Ptr cert;
  if (bytes.find("-----BEGIN CERTIFICATE-----") != std::string::npos) {
    auto bio = mem(bytes);
    cert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
    cert.reset(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
  }
  if (!cert) {
    error = "не удалось прочитать сертификат X.509 (ожидается PEM или DER)";
    ERR_clear_error();
    return std::nullopt;
  }
  CertificateInfo info;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
  BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
  char* hex = BN_bn2hex(bn);
  info.serial = hex ? hex : "";
  OPENSSL_free(hex);
  BN_free(bn);
  X509_NAME* subject = X509_get_subject_name(cert.get());
  info.owner = name_entry(subject, NID_commonName);
  if (info.owner.empty()) info.owner = name_entry(subject, NID_organizationName);
  if (info.owner.empty()) {
    char* line = X509_NAME_oneline(subject, nullptr, 0);
    info.owner = line ? line : "";
    OPENSSL_free(line);
  }
  info.not_before = to_date(X509_get0_notBefore(cert.get()));
  info.not_after = to_date(X509_get0_notAfter(cert.get()));
  if (!info.not_before.valid() || !info.not_after.valid()) {
    error = "в сертификате неверный срок действия";
    return std::nullopt;
  }
  return info;
}

SignatureCheck check_signature(const std::string& sig, const std::string& data, std::string& detail) {
  ERR_clear_error();
  CmsPtr cms;
  {
    std::string der = sig;
    if (sig.find("-----BEGIN") != std::string::npos) {  // PEM: «CMS» or «PKCS7» around base64 DER
      auto bio = mem(sig);
      char *name = nullptr, *header = nullptr;
      unsigned char* data = nullptr;
      long len = 0;
      if (PEM_read_bio(bio.get(), &name, &header, &data, &len) == 1)
        der.assign(reinterpret_cast<char*>(data), static_cast<size_t>(len));
      OPENSSL_free(name);
      OPENSSL_free(header);
      OPENSSL_free(data);
    }
    auto bio = mem(der);
    cms.reset(d2i_CMS_bio(bio.get(), nullptr));
  }
  if (!cms) {
    detail = "файл подписи не является подписью CMS/PKCS#7";
    ERR_clear_error();
    return SignatureCheck::invalid;
  }
  auto content = mem(data);
  // The signer's certificate chain is not checked here (no trust store of the region's CA);
  // what matters is that this signature was made over exactly these bytes.
  int ok = CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                      CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY);
  if (ok == 1) return SignatureCheck::valid;
  unsigned long err = ERR_peek_last_error();
  int reason = ERR_GET_REASON(err);
  char buf[256];
  ERR_error_string_n(err, buf, sizeof buf);
  detail = buf;
  ERR_clear_error();
  if (reason == CMS_R_CONTENT_VERIFY_ERROR || reason == CMS_R_VERIFICATION_FAILURE ||
      reason == CMS_R_NO_MATCHING_DIGEST)
    return SignatureCheck::mismatch;
  return SignatureCheck::unsupported;
}

}  // namespace nastavnik::pdf
