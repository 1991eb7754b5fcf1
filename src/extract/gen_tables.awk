# gen_tables.awk — turn gazetteer.tsv and lexicon.tsv into the sorted C
# tables that src/extract/lexicon.c searches (run by the Makefile:
# awk -f gen_tables.awk gazetteer.tsv lexicon.tsv | LC_ALL=C sort | ...).
# Emits one "KEY<TAB>C-initialiser" line per key; the Makefile sorts them and
# keeps the first line of each key (the file order below is the priority).
#
# A key is a name folded as the extractor folds text: ASCII lowercase,
# hyphens as spaces, periods dropped. An all-uppercase form of up to five
# letters ("US", "AP", "WHO") only matches text written in capitals.
BEGIN { FS = "\t"; seq = 0 }
/^#/ || NF == 0 { next }
function fold(s) { s = tolower(s); gsub(/-/, " ", s); gsub(/\./, "", s); return s }
function upper(s) { return s !~ /[a-z]/ && length(s) <= 5 }
function emit(key, kind, name, country, flags) {
    if (key == "" || key == "-") return
    printf "g\t%s\t%06d\t{\"%s\", \"%s\", %s, %s, %s},\n", fold(key), seq++, fold(key), name, kind,
        (country == "-" || country == "") ? "NULL" : "\"" country "\"", flags
}
function emit_all(list, kind, name, country,    n, i, a) {
    if (list == "-" || list == "") return
    n = split(list, a, ",")
    for (i = 1; i <= n; i++)
        emit(a[i], kind, name, country, upper(a[i]) ? "GZ_UPPER" : "0")
}
FILENAME ~ /gazetteer/ {
    if ($1 == "country") {
        emit($2, "GZ_COUNTRY", $2, $2, upper($2) ? "GZ_UPPER" : "0")
        emit_all($5, "GZ_COUNTRY", $2, $2)
        if ($3 != "-") emit($3, "GZ_CAPITAL", $3, $2, "0")
        emit_all($4, "GZ_DEMONYM", $2, $2)
    } else {
        kind = ($1 == "city") ? "GZ_CITY" : ($1 == "region") ? "GZ_REGION" : \
               ($1 == "agency") ? "GZ_AGENCY" : ($1 == "outlet") ? "GZ_OUTLET" : \
               ($1 == "gov") ? "GZ_GOV" : ($1 == "intl") ? "GZ_INTL" : ""
        if (kind == "") { print "gen_tables.awk: unknown kind " $1 > "/dev/stderr"; exit 1 }
        emit($2, kind, $2, $3, upper($2) ? "GZ_UPPER" : "0")
        emit_all($4, kind, $2, $3)
    }
    next
}
FILENAME ~ /lexicon/ {
    n = split($2, w, " ")
    for (i = 1; i <= n; i++) {
        if (!(w[i] in flags)) order[++nw] = w[i]
        flags[w[i]] = flags[w[i]] (flags[w[i]] == "" ? "" : "|") "LX_" toupper($1)
    }
    next
}
END {
    for (i = 1; i <= nw; i++)
        printf "l\t%s\t000000\t{\"%s\", %s},\n", order[i], order[i], flags[order[i]]
}
