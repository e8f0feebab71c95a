package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.auth.Permission;
import io.vigil.api.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/api.md's permission table is the code's {@link Role} table. */
class ApiRoleTableTest {

    @Test
    void theDocumentedPermissionTableIsTheOneTheServerEnforces() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/api.md"));
        int header = lines.indexOf("| permission | operations | operator | supervisor | technician | auditor | admin |");
        assertThat(header).as("the table header in docs/api.md").isPositive();
        Map<Role, Set<Permission>> documented = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            documented.put(role, EnumSet.noneOf(Permission.class));
        }
        int rows = 0;
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("| `")) {
                break;
            }
            String[] cells = line.split("\\|");
            Permission permission = Permission.valueOf(cells[1].trim().replace("`", "").toUpperCase(Locale.ROOT));
            Role[] columns = {Role.OPERATOR, Role.SUPERVISOR, Role.TECHNICIAN, Role.AUDITOR, Role.ADMIN};
            for (int i = 0; i < columns.length; i++) {
                String cell = cells[3 + i].trim();
                assertThat(cell).as(line).isIn("yes", "no");
                if (cell.equals("yes")) {
                    documented.get(columns[i]).add(permission);
                }
            }
            rows++;
        }
        assertThat(rows).isEqualTo(Permission.values().length);
        for (Role role : Role.values()) {
            assertThat(documented.get(role)).as(role.wireName()).isEqualTo(role.permissions());
        }
    }
}
