#include "report.h"
void report_html(FILE *f, const cr_compare *c, const report_opts *o) { report_text(f, c, o); }
