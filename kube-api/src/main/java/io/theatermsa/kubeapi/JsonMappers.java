package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The module's JSON and YAML mappers (immutable once built, shared). */
final class JsonMappers {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private JsonMappers() {
    }
}
