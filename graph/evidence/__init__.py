"""Evidence packages: what a force receives about a case, signed by the hub.

One package is a folder of files a force can file and rely on (``docs/EVIDENCE.md``)::

    package.json     the case as the hub records it, for machines (canonical JSON)
    package.pdf      the same, for people: headings, tables, page numbers
    public_key.pem   the hub's Ed25519 public key (pin its fingerprint: ``ohch evidence
                     public-key``)
    manifest.json    each of the files above with its SHA-256 and size
    manifest.sig     the hub's Ed25519 signature over manifest.json (base64)

Modules, one job each: ``gather`` reads the case state from the graph (queries under
``queries/evidence/``); ``document`` (pure) turns it into the package's content for one
recipient force, ``timeline`` (pure) orders its events and ``redaction`` (pure) withholds what
the recipient may not see; ``pdf`` renders the content; ``signing`` holds the hub's key;
``manifest`` writes and verifies the signed folder; ``produce`` does it all and logs the
disclosure in the audit trail.

The same case state gives the same bytes: nothing in the files depends on when or by whom the
package was made. Its time is ``as_of``, the latest time recorded in anything it contains
(or a later time given explicitly); who made it and when go to the audit trail and to a
receipt beside the folder, not inside it.
"""
