package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the shipped code tables are read: pinned before the reading moved to jackson-dataformat-csv. */
class CsvTableTest {

    @Test
    void skipsCommentsAndBlankLinesAndTrimsFields() {
        List<Map<String, String>> rows = CsvTable.read(CsvTableTest.class, "csv/good.csv");

        assertThat(rows).containsExactly(
                Map.of("code", "100", "name", "Medical", "priority", "1"),
                Map.of("code", "101", "name", "", "priority", "2"));
    }

    @Test
    void refusesRowsWithMoreOrFewerFieldsThanTheHeaderNamingTheLine() {
        assertThatThrownBy(() -> CsvTable.read(CsvTableTest.class, "csv/too-many.csv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("csv/too-many.csv line 3");
        assertThatThrownBy(() -> CsvTable.read(CsvTableTest.class, "csv/too-few.csv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("csv/too-few.csv line 3");
    }

    @Test
    void refusesAMissingTable() {
        assertThatThrownBy(() -> CsvTable.read(CsvTableTest.class, "csv/none.csv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("csv/none.csv");
    }

    @Test
    void requiredValuesMustParse() {
        Map<String, String> row = Map.of("priority", "x");
        assertThatThrownBy(() -> CsvTable.required(row, "priority", p -> p.equals("1") ? 1 : null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("column priority");
        Integer priority = CsvTable.required(Map.of("priority", "1"), "priority", Integer::valueOf);
        assertThat(priority).isEqualTo(1);
    }
}
