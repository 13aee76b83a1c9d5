// The page's domain code (src/lib, src/mocks) runs here too. It names WebCrypto's types as the DOM library
// declares them; Node has the same objects under node:crypto's `webcrypto`. These aliases let that code
// type-check for Node without the DOM library (tsconfig.node.json), so `document` and `window` stay
// unknown to server code.
import type { webcrypto } from 'node:crypto';

declare global {
  type CryptoKey = webcrypto.CryptoKey;
  type Crypto = webcrypto.Crypto;
  type Algorithm = webcrypto.Algorithm;
  type AlgorithmIdentifier = webcrypto.AlgorithmIdentifier;
  type KeyAlgorithm = webcrypto.KeyAlgorithm;
  type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm;
  type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;
  type RsaHashedImportParams = webcrypto.RsaHashedImportParams;
  type EcKeyImportParams = webcrypto.EcKeyImportParams;
  type EcdsaParams = webcrypto.EcdsaParams;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
}
