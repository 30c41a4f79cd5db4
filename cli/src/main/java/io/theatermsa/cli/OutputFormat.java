package io.theatermsa.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * How a command that lists or shows state prints it, as kubectl's {@code -o}: a table for people (the default), a
 * table with more columns, or one JSON or YAML document for scripts, whose field names each command's help lists.
 */
enum OutputFormat {
    TABLE, WIDE, JSON, YAML;

    /** The {@code -o}/{@code --output} option, mixed into every such command. */
    static final class Choice {
        @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
                converter = Converter.class, completionCandidates = Names.class,
                description = "출력 형식: table (사람용 표), wide (열 추가), json, yaml (스크립트용, 필드는 위 설명) / "
                              + "output format: table (for people), wide (more columns), json, yaml (for scripts, "
                              + "fields above) (기본값 / default: ${DEFAULT-VALUE})")
        OutputFormat format = TABLE;

        OutputFormat format() {
            return format;
        }
    }

    boolean structured() {
        return this == JSON || this == YAML;
    }

    /** Writes {@code document} (records, lists, maps) as JSON or YAML; a table format is the caller's to print. */
    void write(Object document, PrintWriter out) {
        ObjectMapper mapper = switch (this) {
            case JSON -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            case YAML -> new YAMLMapper();
            case TABLE, WIDE -> throw new IllegalStateException(this + " is printed as a table");
        };
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        try {
            out.print(mapper.writeValueAsString(document));
            if (this == JSON) {
                out.println();
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as " + this, e);
        }
    }

    /** {@code table}, {@code wide}, {@code json}, {@code yaml}, in any case. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' 는 출력 형식이 아닙니다 / is not an output format: table, wide, json, yaml");
            }
        }
    }

    /** The names completion offers. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "wide", "json", "yaml").iterator();
        }
    }
}
