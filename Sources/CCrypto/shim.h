#ifndef ASSAY_CCRYPTO_SHIM_H
#define ASSAY_CCRYPTO_SHIM_H

/* Only the non-deprecated OpenSSL 3 EVP digest API is used from Swift. */
#include <openssl/evp.h>
#include <openssl/crypto.h>

#endif
