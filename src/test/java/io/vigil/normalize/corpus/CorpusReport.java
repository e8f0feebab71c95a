package io.vigil.normalize.corpus;

import java.util.List;

/**
 * Prints, per corpus file, how many lines decode as their source states (the measure of issue 13).
 * Run from the project root: {@code mvn -q -o test-compile exec:java} is not wired; use
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.vigil.normalize.corpus.CorpusReport}.
 */
public final class CorpusReport {
    private CorpusReport() {}

    public static void main(String[] args) {
        int allLines = 0;
        int allAgree = 0;
        for (String format : List.of("cid", "sia", "dc09", "owntracks")) {
            List<CorpusLine> lines = Corpus.lines(format);
            int agree = 0;
            for (CorpusLine line : lines) {
                var difference = Corpus.differenceFromStated(line, Corpus.decode(format, line));
                if (difference.isEmpty()) {
                    agree++;
                } else if (args.length > 0 && args[0].equals("-v")) {
                    System.out.println("  " + line.name() + ": " + difference.get());
                }
            }
            allLines += lines.size();
            allAgree += agree;
            System.out.printf("%-10s %3d lines, %3d decode as stated (%.0f%%)%n", format, lines.size(), agree,
                    100.0 * agree / lines.size());
        }
        System.out.printf("%-10s %3d lines, %3d decode as stated (%.0f%%)%n", "all", allLines, allAgree,
                100.0 * allAgree / allLines);
    }
}
