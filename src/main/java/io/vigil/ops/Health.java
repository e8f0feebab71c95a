package io.vigil.ops;

/** The state of one dependency or component as a health check sees it. */
public sealed interface Health permits Health.Up, Health.Down {

    String detail();

    default boolean up() {
        return this instanceof Up;
    }

    static Health up(String detail) {
        return new Up(detail);
    }

    static Health down(String detail) {
        return new Down(detail);
    }

    record Up(String detail) implements Health {}

    record Down(String detail) implements Health {}
}
