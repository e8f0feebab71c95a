package io.vigil.trust.replay;

import java.util.Collection;
import java.util.List;

/** Where the replay guard keeps per-device sequence state across restarts. */
public interface SequenceStore {

    List<SequenceState> loadAll();

    /** Merges the states in: a stored high water mark never moves backwards. */
    void save(Collection<SequenceState> states);

    /** Keeps nothing: for tools and measurements without a database. */
    SequenceStore NONE = new SequenceStore() {
        @Override
        public List<SequenceState> loadAll() {
            return List.of();
        }

        @Override
        public void save(Collection<SequenceState> states) {}
    };
}
