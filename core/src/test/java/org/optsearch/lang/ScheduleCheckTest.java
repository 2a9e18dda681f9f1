package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Warnings for programs on which the schedule and the tuned learning rate have no effect. */
class ScheduleCheckTest {

    private static List<Diagnostic> learningRateWarnings(String text) {
        Analysis a = Analysis.of(Program.parse(text));
        assertTrue(a.valid(), () -> "a warning, not an error: " + a.diagnostics());
        return a.diagnostics().stream().filter(d -> d.message().contains("learning rate")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "never read                  | def train(w, g, lr):;update = sign(g);return update"
                + "                                          | 1:17 | is never read",
        "read by a dead statement    | def train(w, g, lr):;unused = g * lr;update = sign(g);return update"
                + "                          | 2:16 | does not depend on the learning rate",
        "read only by a dead slot    | def train(w, g, m, lr):;m = g * lr;update = sign(g);return update, m"
                + "                         | 2:11 | does not depend on the learning rate",
        "scale cancelled by sign     | def train(w, g, lr):;u = g * lr;u = sign(u);return u"
                + "                                         | 2:11 | does not change when the learning rate",
        "divided by itself           | def train(w, g, lr):;s = lr / lr;u = g * s;return u"
                + "                                          | 2:7  | does not change when the learning rate",
        "cancelled after a slot      | def train(w, g, m, lr):;m = interp(g, m, 0.9);s = m * lr;u = sign(s);return u, m"
                + "             | 3:11 | does not change when the learning rate",
        "cosine of lr-scaled vectors | def train(w, g, lr):;a = g * lr;c = cosine_sim(a, w);u = g * c;return u"
                + "                      | 2:11 | does not change when the learning rate",
    })
    void warnsWhereTheLearningRateHasNoEffect(String description, String body, String at, String fragment) {
        List<Diagnostic> warnings = learningRateWarnings(body.trim().replace(";", "\n  ") + "\n");
        assertEquals(1, warnings.size(), warnings::toString);
        Diagnostic d = warnings.get(0);
        assertEquals(at.trim(), d.line() + ":" + d.column(), d.toString());
        assertTrue(d.message().contains(fragment.trim()), d.toString());
        assertTrue(d.message().contains("no effect on training"), d.toString());
        Program parsed = Program.parse(body.trim().replace(";", "\n  ") + "\n");
        assertFalse(Analysis.of(parsed).learningRateMatters());
        assertFalse(Analysis.of(parsed.withStatements(parsed.statements())).learningRateMatters());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scaled last                 | def train(w, g, lr):;u = sign(g);u = u * lr;return u",
        "scaled first, then summed   | def train(w, g, lr):;s = g * lr;u = s + w;return u",
        "squared step size           | def train(w, g, lr):;s = g * lr;u = square(s);return u",
        "through a live slot         | def train(w, g, m, lr):;s = g * lr;m = interp(s, m, 0.9);return m, m",
        "sign, then scaled           | def train(w, g, lr):;s = sign(g);t = lr * 0.001;u = s * t;return u",
        "inside a non-linear function| def train(w, g, lr):;s = g * lr;u = tanh(s);return u",
        "power with a constant       | def train(w, g, lr):;s = power(lr, 0.5);u = g * s;return u",
        "returned as a slot          | def train(w, g, m, lr):;u = g * m;u = u + g;return u, lr",
    })
    void noWarningWhereTheUpdateChangesWithTheLearningRate(String description, String body) {
        String text = body.trim().replace(";", "\n  ") + "\n";
        assertEquals(List.of(), learningRateWarnings(text));
        assertTrue(Analysis.of(Program.parse(text)).learningRateMatters());
        Program built = Program.parse(text).withStatements(Program.parse(text).statements());
        assertTrue(Analysis.of(built).learningRateMatters(),
                "a program built in code (no source positions, as the mutator's children) reads lr all the same");
    }

    @ParameterizedTest
    @MethodSource("org.optsearch.lang.ShippedPrograms#names")
    void shippedProgramsUseTheLearningRate(String name) {
        assertEquals(List.of(), learningRateWarnings(ShippedPrograms.text(name)));
    }
}
