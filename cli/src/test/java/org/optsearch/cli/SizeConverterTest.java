package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SizeConverterTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1",
        "100000, 100000",
        "10_000_000, 10000000",
        "100k, 100000",
        "10M, 10000000",
        "1m, 1000000",
        "2G, 2000000000",
    })
    void acceptsCountsWithSeparatorsAndDecimalSuffixes(String text, int expected) {
        assertEquals(expected, new SizeConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "lots", "", "M", "1.5M", "3G", "99999999999999999999"})
    void refusesWhatIsNotAPositiveArrayLength(String text) {
        assertThrows(CommandLine.TypeConversionException.class, () -> new SizeConverter().convert(text));
    }
}
