package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteBeansTest {

    @Test
    void startsOnlyWhenEveryNameTheRoutesMayUseIsBound() {
        Map<String, Object> registry = new HashMap<>();
        RouteBeans beans = new RouteBeans(registry::put);
        RouteBeans.NAMES.stream().filter(name -> !name.equals("trustCheck")).forEach(name -> beans.bind(name, name));

        assertThatThrownBy(beans::checkComplete).isInstanceOf(IllegalStateException.class).hasMessageContaining("[trustCheck]");

        beans.bind("trustCheck", "bean");
        assertThatCode(beans::checkComplete).doesNotThrowAnyException();
        assertThat(registry).containsKeys(RouteBeans.NAMES.toArray(String[]::new));
    }
}
