/* SPDX-License-Identifier: MIT */
/* samplan-bench-yaml-parse: the baseline of the speed harness. A bare libyaml event
 * parse of a file or standard input: no document model, no validation, just
 * yaml_parser_parse until the end of the stream. samplan-validate is measured against it.
 *
 * Usage: samplan-bench-yaml-parse [FILE|-]
 * Prints the number of events to standard error; exit 0, or 1 on a parse error. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

static const char *prog = "samplan-bench-yaml-parse";

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "-";
	if (argc > 2 || (name[0] == '-' && name[1])) {
		fprintf(stderr, "usage: %s [FILE|-]\n", prog);
		return 1;
	}
	int from_stdin = !strcmp(name, "-");
	FILE *f = from_stdin ? stdin : fopen(name, "rb");
	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, name, strerror(errno));
		return 1;
	}

	yaml_parser_t parser;
	yaml_event_t event;
	unsigned long long events = 0;
	int status = 0, done = 0;
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "%s: %s:%lu:%lu: %s\n", prog, from_stdin ? "<stdin>" : name,
			        (unsigned long)parser.problem_mark.line + 1,
			        (unsigned long)parser.problem_mark.column + 1,
			        parser.problem ? parser.problem : "parse error");
			status = 1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	if (!from_stdin)
		fclose(f);
	if (!status)
		fprintf(stderr, "%s: %llu events\n", prog, events);
	return status;
}
