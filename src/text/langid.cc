/*
 * langid.cc — language identification through CLD2, behind a C function.
 *
 * CLD2 (Debian's libcld2) is a C++ library; this is the only C++ file in
 * libcrossread and it exposes exactly one function, cr_detect_language().
 * CLD2 was chosen over libexttextcat because it is fast (a quadgram scorer
 * that runs at hundreds of MB/s), accurate on short news texts, and reports
 * whether its answer is reliable; see docs/ALGORITHMS.md.
 */
#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>
#include <cld2/internal/lang_script.h>

extern "C" {
#include "crossread.h"
}

namespace {
/* CLD2 reads at most this much; the language of a news article is settled
 * well before 64 KiB and the cost stays bounded on huge inputs. */
const size_t kMaxDetectBytes = 64 * 1024;
}

extern "C" cr_status cr_detect_language(const char *text, size_t len,
                                        char code[8], int *reliable)
{
    bool is_reliable = false;
    int valid_prefix = 0;
    if (!text || !code)
        return CR_EINVAL;
    if (len > kMaxDetectBytes) {
        len = kMaxDetectBytes;
        /* do not cut a UTF-8 sequence in half */
        while (len > 0 && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80)
            len--;
    }
    CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
        text, static_cast<int>(len), true, &is_reliable, &valid_prefix);
    const char *c = CLD2::LanguageCode(lang);
    if (lang == CLD2::UNKNOWN_LANGUAGE || !c || !*c || !is_reliable)
        c = "und";
    /* CLD2 uses a few longer codes ("zh-Hant", "xx-Qaai"); keep the base. */
    size_t i = 0;
    while (c[i] && c[i] != '-' && i < 7) {
        code[i] = c[i];
        i++;
    }
    code[i] = '\0';
    if (reliable)
        *reliable = is_reliable ? 1 : 0;
    return CR_OK;
}
