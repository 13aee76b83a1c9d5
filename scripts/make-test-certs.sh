#!/usr/bin/env bash
# Makes the X.509 test fixtures in src/testing/fixtures/certs/ (bash + OpenSSL 3.0 or later).
#
#   bash scripts/make-test-certs.sh
#
# Keys are random, so every run gives new certificates and thumbprints, but always the same
# file names. The outputs are committed; run the script again only to change the set, and
# commit everything it writes (fingerprints.txt must match the certificates).
# Valid certificates last 100 years (-days 36500), so the committed fixtures keep working;
# tests still pass an explicit `now`.
#
# For each algorithm, ALG = rsa (RSA 2048, sha256WithRSAEncryption) and ec (ECDSA P-256,
# ecdsa-with-SHA256), it writes:
#   ALG-root-ca.pem / .key.pem          self-signed root CA, "CN=Test Root CA ALG" (CA:TRUE)
#   ALG-root-ca.der                     the root in DER
#   ALG-intermediate-ca.pem / .key.pem  intermediate CA signed by the root (CA:TRUE, pathlen 0)
#   ALG-device-001.pem / .key.pem       leaf CN=device-001 signed by the intermediate (CA:FALSE)
#   ALG-device-001-chain.pem            that leaf followed by the intermediate (what a device presents)
#   ALG-device-001.key.der              the leaf's key as DER PKCS#8 (a private key "uploaded by mistake")
#   ALG-self-signed-device-001.pem / .key.pem / .der
#                                       self-signed leaf CN=device-001 (an IoT Central individual enrollment)
#   ALG-self-signed-other-device.pem    self-signed leaf CN=other-device
#   ALG-expired-leaf.pem                self-signed leaf CN=device-001, valid 2000-01-01 .. 2001-01-01
#   ALG-expired-ca.pem                  self-signed CA "CN=Expired Test CA ALG", valid 2000-01-01 .. 2001-01-01
#   ALG-verification.pem / .der         proof of possession: CN=<VERIFICATION_CODE>, signed by the root's key
#   ALG-verification-wrong-key.pem      CN=<VERIFICATION_CODE>, issuer name = the root's subject, but signed
#                                       by another key (the impostor below)
#   ALG-verification-wrong-cn.pem       CN=<OTHER_CODE>, signed by the root's key
#   ALG-verification-expired.pem        CN=<VERIFICATION_CODE>, signed by the root's key, valid 2000 .. 2001
#   ALG-impostor-root-ca.pem            self-signed CA with the same subject as ALG-root-ca but another key
# and once:
#   unrelated-root-ca.pem               an RSA root CA that signed none of the above ("CN=Unrelated Test Root CA")
#   rsa-device-001.csr.pem              a certificate signing request (not a certificate)
#   rsa-traditional.key.pem             "BEGIN RSA PRIVATE KEY" (PKCS#1), ec-traditional.key.pem "BEGIN EC PRIVATE KEY"
#   encrypted.key.pem                   "BEGIN ENCRYPTED PRIVATE KEY" (PKCS#8, password 1234)
#   garbage.txt, garbage.bin            not certificates (text; 256 fixed bytes)
#   garbage-cert.pem                    a CERTIFICATE block whose base64 is not a certificate
#   fingerprints.txt                    "<file> <SHA-1> <SHA-256>" for every certificate file, from
#                                       `openssl x509 -noout -fingerprint -sha1|-sha256` with the colons removed
#
# Expired certificates come from `openssl ca -startdate/-enddate`, since OpenSSL 3.0's
# `x509 -req` cannot set the start date (-not_before/-not_after arrived in 3.4).
set -euo pipefail

VERIFICATION_CODE=75B86466DA34D2B04C0C4C9557A119687ADAE7D4732BDDB3
OTHER_CODE=A901A843EFF75419AC1F0EB460E85DF153092A0547AA30F5
DAYS=36500
EXPIRED_START=20000101000000Z
EXPIRED_END=20010101000000Z

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/src/testing/fixtures/certs"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

openssl version
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -type f ! -name README.md -delete

# One config for `req` (distinguished_name), the extension profiles and `openssl ca`.
CNF="$WORK/openssl.cnf"
cat >"$CNF" <<EOF
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder

[ ca ]
default_ca = ca_default
[ ca_default ]
dir             = $WORK/ca
database        = \$dir/index.txt
new_certs_dir   = \$dir/new
serial          = \$dir/serial
default_md      = sha256
policy          = policy_cn
unique_subject  = no
email_in_dn     = no
copy_extensions = none
[ policy_cn ]
commonName = supplied

[ v3_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, digitalSignature, cRLSign, keyCertSign
subjectKeyIdentifier   = hash
[ v3_intermediate ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, digitalSignature, cRLSign, keyCertSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf ]
basicConstraints       = CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
EOF

new_ca_db() {
  rm -rf "$WORK/ca"
  mkdir -p "$WORK/ca/new"
  : >"$WORK/ca/index.txt"
  echo 1000 >"$WORK/ca/serial"
}

# newkey ALG FILE: a PKCS#8 PEM key ("BEGIN PRIVATE KEY").
newkey() {
  case "$1" in
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
    ec) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" ;;
  esac
}

# selfsigned KEY SUBJ PROFILE OUT
selfsigned() {
  openssl req -new -x509 -config "$CNF" -key "$1" -subj "$2" -extensions "$3" -days "$DAYS" -sha256 \
    -set_serial "0x$(openssl rand -hex 8)" -out "$4"
}

# signed KEY SUBJ PROFILE CA_CERT CA_KEY OUT
signed() {
  openssl req -new -config "$CNF" -key "$1" -subj "$2" -out "$WORK/req.csr"
  openssl x509 -req -in "$WORK/req.csr" -CA "$4" -CAkey "$5" -extfile "$CNF" -extensions "$3" \
    -days "$DAYS" -sha256 -set_serial "0x$(openssl rand -hex 8)" -out "$6" 2>/dev/null
}

# expired KEY SUBJ PROFILE OUT [CA_CERT CA_KEY]  (self-signed without a CA)
expired() {
  new_ca_db
  openssl req -new -config "$CNF" -key "$1" -subj "$2" -out "$WORK/req.csr"
  if [ $# -ge 6 ]; then
    openssl ca -batch -config "$CNF" -cert "$5" -keyfile "$6" -extensions "$3" -notext \
      -startdate "$EXPIRED_START" -enddate "$EXPIRED_END" -in "$WORK/req.csr" -out "$4" 2>/dev/null
  else
    openssl ca -batch -config "$CNF" -selfsign -keyfile "$1" -extensions "$3" -notext \
      -startdate "$EXPIRED_START" -enddate "$EXPIRED_END" -in "$WORK/req.csr" -out "$4" 2>/dev/null
  fi
}

for ALG in rsa ec; do
  NAME="$(echo "$ALG" | tr '[:lower:]' '[:upper:]')"
  P="$OUT/$ALG"

  newkey "$ALG" "$P-root-ca.key.pem"
  selfsigned "$P-root-ca.key.pem" "/O=Device Console Tests/CN=Test Root CA $NAME" v3_root "$P-root-ca.pem"
  openssl x509 -in "$P-root-ca.pem" -outform DER -out "$P-root-ca.der"

  newkey "$ALG" "$P-intermediate-ca.key.pem"
  signed "$P-intermediate-ca.key.pem" "/O=Device Console Tests/CN=Test Intermediate CA $NAME" v3_intermediate \
    "$P-root-ca.pem" "$P-root-ca.key.pem" "$P-intermediate-ca.pem"

  newkey "$ALG" "$P-device-001.key.pem"
  signed "$P-device-001.key.pem" "/CN=device-001" v3_leaf \
    "$P-intermediate-ca.pem" "$P-intermediate-ca.key.pem" "$P-device-001.pem"
  cat "$P-device-001.pem" "$P-intermediate-ca.pem" >"$P-device-001-chain.pem"
  openssl pkcs8 -topk8 -nocrypt -in "$P-device-001.key.pem" -outform DER -out "$P-device-001.key.der"

  newkey "$ALG" "$P-self-signed-device-001.key.pem"
  selfsigned "$P-self-signed-device-001.key.pem" "/CN=device-001" v3_leaf "$P-self-signed-device-001.pem"
  openssl x509 -in "$P-self-signed-device-001.pem" -outform DER -out "$P-self-signed-device-001.der"

  newkey "$ALG" "$WORK/other.key.pem"
  selfsigned "$WORK/other.key.pem" "/CN=other-device" v3_leaf "$P-self-signed-other-device.pem"

  expired "$P-self-signed-device-001.key.pem" "/CN=device-001" v3_leaf "$P-expired-leaf.pem"
  newkey "$ALG" "$WORK/expired-ca.key.pem"
  expired "$WORK/expired-ca.key.pem" "/CN=Expired Test CA $NAME" v3_root "$P-expired-ca.pem"

  # Proof of possession. The verification key itself can be anything; it is RSA here, as in certGen.sh.
  newkey rsa "$WORK/verification.key.pem"
  signed "$WORK/verification.key.pem" "/CN=$VERIFICATION_CODE" v3_leaf \
    "$P-root-ca.pem" "$P-root-ca.key.pem" "$P-verification.pem"
  openssl x509 -in "$P-verification.pem" -outform DER -out "$P-verification.der"
  signed "$WORK/verification.key.pem" "/CN=$OTHER_CODE" v3_leaf \
    "$P-root-ca.pem" "$P-root-ca.key.pem" "$P-verification-wrong-cn.pem"
  expired "$WORK/verification.key.pem" "/CN=$VERIFICATION_CODE" v3_leaf "$P-verification-expired.pem" \
    "$P-root-ca.pem" "$P-root-ca.key.pem"

  # An impostor: the root's name with another key. OpenSSL refuses a -CAkey that does not match
  # -CA, so the impostor certificate stands in for the root when signing the wrong-key case.
  newkey "$ALG" "$WORK/impostor.key.pem"
  selfsigned "$WORK/impostor.key.pem" "/O=Device Console Tests/CN=Test Root CA $NAME" v3_root "$P-impostor-root-ca.pem"
  signed "$WORK/verification.key.pem" "/CN=$VERIFICATION_CODE" v3_leaf \
    "$P-impostor-root-ca.pem" "$WORK/impostor.key.pem" "$P-verification-wrong-key.pem"

  openssl verify -CAfile "$P-root-ca.pem" -untrusted "$P-intermediate-ca.pem" "$P-device-001.pem" >/dev/null
  openssl verify -CAfile "$P-root-ca.pem" "$P-verification.pem" >/dev/null
done

newkey rsa "$WORK/unrelated.key.pem"
selfsigned "$WORK/unrelated.key.pem" "/CN=Unrelated Test Root CA" v3_root "$OUT/unrelated-root-ca.pem"

openssl req -new -config "$CNF" -key "$OUT/rsa-device-001.key.pem" -subj "/CN=device-001" -out "$OUT/rsa-device-001.csr.pem"
openssl pkey -in "$OUT/rsa-device-001.key.pem" -traditional -out "$OUT/rsa-traditional.key.pem"
openssl ec -in "$OUT/ec-device-001.key.pem" -out "$OUT/ec-traditional.key.pem" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:1234 -in "$OUT/rsa-device-001.key.pem" -out "$OUT/encrypted.key.pem"

printf 'This is a text file, not a certificate.\nsubject=CN=device-001\n' >"$OUT/garbage.txt"
: >"$OUT/garbage.bin"
for i in 1 2 3 4; do printf 'garbage-%s' "$i" | openssl dgst -sha512 -binary >>"$OUT/garbage.bin"; done
printf -- '-----BEGIN CERTIFICATE-----\nVGhpcyBpcyBub3QgYSBjZXJ0aWZpY2F0ZS4=\n-----END CERTIFICATE-----\n' >"$OUT/garbage-cert.pem"

# Thumbprints as openssl prints them, colons removed: "<file> <SHA-1> <SHA-256>".
fingerprint() { openssl x509 -in "$1" -inform "$2" -noout -fingerprint "-$3" | sed 's/^.*=//; s/://g'; }
: >"$OUT/fingerprints.txt"
for f in "$OUT"/*.pem "$OUT"/*.der; do
  base="$(basename "$f")"
  case "$base" in *.key.pem | *.key.der | *.csr.pem | garbage*) continue ;; esac
  form=PEM
  [[ "$base" == *.der ]] && form=DER
  echo "$base $(fingerprint "$f" "$form" sha1) $(fingerprint "$f" "$form" sha256)" >>"$OUT/fingerprints.txt"
done

chmod 644 "$OUT"/*
echo "Wrote $(find "$OUT" -maxdepth 1 -type f | wc -l) files to ${OUT#"$ROOT"/}"
