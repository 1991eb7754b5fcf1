# gen_index.awk — the last step of the table generation (see
# gen_tables.awk): reads the sorted "TYPE<TAB>KEY<TAB>SEQ<TAB>INITIALISER"
# lines, keeps the first line of each key, writes the initialisers of the
# gazetteer (g) and of the word classes (l) to the files named by -v g=
# and -v l=, and to -v gi= and -v li= an open-addressing hash table of
# each (HASH_SLOTS slots, linear probing, 0 = empty, else the entry's
# index + 1). The hash is the one lexicon.c computes: h = h * 131 + byte
# over the key's bytes in 32-bit unsigned arithmetic, slot = h mod
# HASH_SLOTS (exact here: awk's doubles hold h * 131 + 255 < 2^40).
BEGIN {
    FS = "\t"
    HASH_SLOTS = 4096
    for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
}
!seen[$1 FS $2]++ {
    if ($1 == "g") { print $4 > g; gkey[ng++] = $2 } else { print $4 > l; lkey[nl++] = $2 }
}
function hash(s,    h, i) {
    h = 0
    for (i = 1; i <= length(s); i++) h = (h * 131 + ord[substr(s, i, 1)]) % 4294967296
    return h
}
function table_out(file, key, n,    slot, i, h) {
    if (n * 2 > HASH_SLOTS) { print "gen_index.awk: table too full" > "/dev/stderr"; exit 1 }
    for (i = 0; i < HASH_SLOTS; i++) slot[i] = 0
    for (i = 0; i < n; i++) {
        h = hash(key[i]) % HASH_SLOTS
        while (slot[h]) h = (h + 1) % HASH_SLOTS
        slot[h] = i + 1
    }
    for (i = 0; i < HASH_SLOTS; i++) printf "%d,%s", slot[i], (i % 16 == 15 ? "\n" : " ") > file
}
END {
    table_out(gi, gkey, ng)
    table_out(li, lkey, nl)
}
