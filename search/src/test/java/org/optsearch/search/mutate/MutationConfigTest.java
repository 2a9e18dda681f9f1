package org.optsearch.search.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.lang.Op;

class MutationConfigTest {

    @Test
    void defaultsAreThePapersEqualWeightsOverTheWholeFunctionSet() {
        MutationConfig d = MutationConfig.defaults();
        for (MutationKind k : List.of(MutationKind.INSERT, MutationKind.DELETE, MutationKind.MODIFY)) {
            assertEquals(1.0, d.weight(k));
        }
        assertEquals(0.0, d.weight(MutationKind.TUNE), "tuning a constant is not one of the paper's kinds");
        List<Op> expected = new ArrayList<>(Op.searchable());
        expected.addAll(Op.recent());
        assertEquals(expected, d.functions(), "the paper's 45, clip, and the recent four");
        assertEquals(40, d.maxLength());
        assertEquals(100, d.maxAttempts());
    }

    @Test
    void aKindMissingFromTheWeightsHasWeightZero() {
        MutationConfig noInsert = MutationConfig.defaults().withWeights(Map.of(MutationKind.DELETE, 1.0, MutationKind.MODIFY, 2.0));
        assertEquals(0.0, noInsert.weight(MutationKind.INSERT));
        assertEquals(2.0, noInsert.weight(MutationKind.MODIFY));
    }

    static Stream<Arguments> badConfigs() {
        MutationConfig d = MutationConfig.defaults();
        return Stream.of(
                Arguments.of((Supplier<?>) () -> d.withWeights(MutationConfig.weights(1, -1, 1)),
                        "weight of DELETE must be a finite number >= 0, got -1.0"),
                Arguments.of((Supplier<?>) () -> d.withWeights(MutationConfig.weights(Double.NaN, 1, 1)),
                        "weight of INSERT must be a finite number >= 0, got NaN"),
                Arguments.of((Supplier<?>) () -> d.withWeights(Map.of(MutationKind.INSERT, 0.0)),
                        "at least one mutation weight must be > 0, got {INSERT=0.0}"),
                Arguments.of((Supplier<?>) () -> d.withFunctions(List.of()),
                        "the function set is empty: give at least one function to insert"),
                Arguments.of((Supplier<?>) () -> d.withFunctions(List.of(Op.SIGN, Op.ADD, Op.SIGN)),
                        "function 'sign' is listed twice in the function set"),
                Arguments.of((Supplier<?>) () -> d.withMaxLength(0),
                        "maximum program length must be >= 1 statement, got 0"),
                Arguments.of((Supplier<?>) () -> d.withMaxAttempts(0),
                        "maximum attempts per mutation must be >= 1, got 0"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void aBadSettingIsRefusedWithItsValue(Supplier<?> build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::get).getMessage());
    }
}
