package io.theatermsa.architecture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maps stay true: every module the parent pom builds has its own README and a row in the README's module table
 * (Korean and English) and in docs/architecture.md's, and no table names a module that is gone.
 */
class ModuleMapTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A table row's first cell naming a folder: {@code | [`mesh/`](mesh) | ...} or {@code | `mesh/` | ...}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| \\[?`([a-z0-9/-]+)/`");

    @Test
    @DisplayName("every module has a README that says what it owns")
    void everyModuleHasAReadme() throws IOException {
        for (String module : modules()) {
            Path readme = ROOT.resolve(module).resolve("README.md");
            assertThat(readme).as(module).exists();
            assertThat(Files.readString(readme)).as(module + "/README.md").containsIgnoringCase("depend");
        }
    }

    @Test
    @DisplayName("the README's module tables name exactly the modules, in both languages")
    void readmeTablesNameTheModules() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int english = readme.indexOf("## English");
        assertThat(english).isPositive();
        assertThat(rows(readme.substring(0, english))).as("Korean table").containsExactlyInAnyOrderElementsOf(tabled());
        assertThat(rows(readme.substring(english))).as("English table").containsExactlyInAnyOrderElementsOf(tabled());
    }

    @Test
    @DisplayName("docs/architecture.md's module table names exactly the modules")
    void architectureTableNamesTheModules() throws IOException {
        assertThat(rows(Files.readString(ROOT.resolve("docs/architecture.md"))))
                .containsExactlyInAnyOrderElementsOf(tabled());
    }

    /** The modules, plus the folders the tables list beside them (manifests and scripts). */
    private static List<String> tabled() throws IOException {
        return Stream.concat(modules().stream(), Stream.of("k8s", "scripts")).toList();
    }

    private static List<String> modules() throws IOException {
        Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    private static List<String> rows(String markdown) {
        Matcher m = ROW.matcher(markdown);
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows.stream().distinct().toList();
    }
}
