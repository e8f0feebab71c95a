package io.vigil.audit;

import java.util.Objects;

/** Who caused an audit row: a Vigil component, an operator at a console, or an API token. */
public sealed interface Actor {

    /** The {@code actor_type} column. */
    String type();

    /** The {@code actor_id} column. */
    String id();

    /** A Vigil component acting on its own ({@code ingest}, {@code trust}, {@code escalation}, ...). */
    record Component(String id) implements Actor {
        public Component {
            AuditText.requireStorable("actor id", Objects.requireNonNull(id, "actor id"));
        }

        @Override
        public String type() {
            return "system";
        }
    }

    record Operator(String id) implements Actor {
        public Operator {
            AuditText.requireStorable("actor id", Objects.requireNonNull(id, "actor id"));
        }

        @Override
        public String type() {
            return "operator";
        }
    }

    record ApiToken(String id) implements Actor {
        public ApiToken {
            AuditText.requireStorable("actor id", Objects.requireNonNull(id, "actor id"));
        }

        @Override
        public String type() {
            return "api_token";
        }
    }

    static Actor system(String component) {
        return new Component(component);
    }

    static Actor operator(String operatorId) {
        return new Operator(operatorId);
    }

    static Actor apiToken(String tokenId) {
        return new ApiToken(tokenId);
    }

    /** Rebuilds an actor from its stored columns. */
    static Actor of(String type, String id) {
        return switch (type) {
            case "system" -> new Component(id);
            case "operator" -> new Operator(id);
            case "api_token" -> new ApiToken(id);
            default -> throw new IllegalArgumentException("unknown actor type " + type);
        };
    }
}
