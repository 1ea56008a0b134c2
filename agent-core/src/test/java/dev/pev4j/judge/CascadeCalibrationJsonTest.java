package dev.pev4j.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pev4j.judge.CascadeCalibration.CalibrationException;
import dev.pev4j.judge.CascadeCalibration.CascadeSelection;
import dev.pev4j.judge.CascadeCalibration.JudgeCalibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeCalibrationJsonTest {

    private static final CascadeCalibration CALIBRATION = new CascadeCalibration(
            0.1,
            0.05,
            30,
            1000,
            200,
            List.of(
                    new JudgeCalibration("small", 0.912, 200, 80, 78, 0.0712),
                    JudgeCalibration.neverAccepts("medium", 120),
                    new JudgeCalibration("large", 0.75, 120, 90, 85, 0.0931)));

    @TempDir
    Path dir;

    @Test
    void saves_and_loads_a_calibration_unchanged() {
        // given
        Path file = dir.resolve("sub/judges.calibration.json");

        // when
        CALIBRATION.save(file);
        CascadeCalibration loaded = CascadeCalibration.load(file);

        // then
        assertThat(loaded).isEqualTo(CALIBRATION);
        assertThat(loaded.coverage()).isEqualTo(170 / 200.0);
        assertThat(loaded.agreement()).isEqualTo(163 / 170.0);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writes_the_risk_levels_thresholds_and_results_for_people_to_read() {
        String json = CALIBRATION.toJson();

        assertThat(json)
                .contains("\"format\" : \"pev4j-judge-calibration/2\"")
                .contains("\"reason\" : \"the only candidate\"")
                .contains("\"skipped\" : false")
                .contains("\"alpha\" : 0.1")
                .contains("\"delta\" : 0.05")
                .contains("\"n\" : 200")
                .contains("\"coverage\" : 0.85")
                .contains("\"threshold\" : null")
                .contains("\"threshold\" : 0.912");
    }

    @Test
    void replaces_an_existing_file() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "old");

        CALIBRATION.save(file);

        assertThat(CascadeCalibration.load(file)).isEqualTo(CALIBRATION);
    }

    @Test
    void names_a_missing_file() {
        Path file = dir.resolve("missing.json");

        assertThatThrownBy(() -> CascadeCalibration.load(file))
                .isInstanceOf(CalibrationException.class)
                .hasMessage("calibration " + file + ": the file does not exist");
    }

    @Test
    void rejects_text_that_is_not_json() {
        assertThatThrownBy(() -> CascadeCalibration.fromJson("{\"alpha\": ", "c.json"))
                .isInstanceOf(CalibrationException.class)
                .hasMessageStartingWith("calibration c.json: not valid JSON: ");
    }

    @Test
    void names_the_bad_field() {
        String good = CALIBRATION.toJson();
        assertBad(
                good.replace("\"alpha\" : 0.1", "\"alpha\" : 1.5"),
                "alpha",
                "calibration c.json: field 'alpha' must be between 0 and 1 (exclusive) but was 1.5");
        assertBad(good.replace("\"delta\" : 0.05,", ""), "delta", "calibration c.json: field 'delta' is missing");
        assertBad(
                good.replace("\"n\" : 200", "\"n\" : \"many\""),
                "n",
                "calibration c.json: field 'n' must be a whole number but was \"many\"");
        assertBad(
                good.replace("\"threshold\" : 0.912", "\"threshold\" : 1.7"),
                "judges[0].threshold",
                "calibration c.json: field 'judges[0].threshold' must be between 0 and 1, or null for a judge "
                        + "that never accepts, but was 1.7");
        assertBad(
                good.replace("\"agreed\" : 85", "\"agreed\" : 91"),
                "judges[2].agreed",
                "calibration c.json: field 'judges[2].agreed' must be between 0 and accepted=90 but was 91");
        assertBad(
                good.replace("\"items\" : 120,\n    \"accepted\" : 90", "\"items\" : 119,\n    \"accepted\" : 90"),
                "judges[2].items",
                "calibration c.json: field 'judges[2].items' must be 120 (the items no earlier judge accepted) "
                        + "but was 119");
        assertBad(
                good.replace("\"format\" : \"pev4j-judge-calibration/2\"", "\"format\" : \"other/2\""),
                "format",
                "calibration c.json: field 'format' must be \"pev4j-judge-calibration/2\" (or the older "
                        + "\"pev4j-judge-calibration/1\") but was \"other/2\"");
        // the top-level coverage comes before the candidates'
        assertBad(
                good.replaceFirst("\"coverage\" : 0\\.85", "\"coverage\" : 0.9"),
                "coverage",
                "calibration c.json: field 'coverage' must be the judges' accepted/n = 0.85 but was 0.9");
        assertBad("[]", "", "calibration c.json: the top level must be a JSON object");
    }

    private static final CascadeCalibration CHOSEN = new CascadeCalibration(
            0.1,
            0.1,
            30,
            1000,
            200,
            List.of(
                    JudgeCalibration.neverAccepts("small", 200),
                    new JudgeCalibration("large", 0.8, 200, 150, 140, 0.09)),
            new CascadeSelection(
                    Calibrator.Candidates.CASCADE_OR_STRONGEST,
                    List.of(
                            new CascadeSelection.Candidate(List.of(0, 1), 120, 112, 4.1),
                            new CascadeSelection.Candidate(List.of(1), 150, 140, 7.0)),
                    1,
                    "highest coverage on the calibration items: 0.750 against at most 0.600 for the others"));

    @Test
    void saves_and_loads_the_choice_among_candidates() {
        // when
        String json = CHOSEN.toJson();
        CascadeCalibration loaded = CascadeCalibration.fromJson(json, "c.json");

        // then
        assertThat(loaded).isEqualTo(CHOSEN);
        assertThat(loaded.skips(0)).isTrue();
        assertThat(loaded.skips(1)).isFalse();
        assertThat(json)
                .contains("\"family\" : \"CASCADE_OR_STRONGEST\"")
                .contains("\"deltaPerCandidate\" : 0.05")
                .contains("\"chosenJudges\" : \"large\"")
                .contains("\"describe\" : \"small > large\"")
                .contains("\"skipped\" : true");
    }

    @Test
    void loads_a_calibration_of_the_first_format_as_its_judges_in_order() {
        // given a file written before configurations were chosen
        String v1 = """
                {"format": "pev4j-judge-calibration/1", "alpha": 0.1, "delta": 0.05, "minItems": 30,
                 "gridSteps": 1000, "n": 200, "coverage": 0.85,
                 "judges": [
                   {"name": "small", "threshold": 0.912, "items": 200, "accepted": 80, "agreed": 78,
                    "errorBound": 0.0712},
                   {"name": "medium", "threshold": null, "items": 120, "accepted": 0, "agreed": 0, "errorBound": 1.0},
                   {"name": "large", "threshold": 0.75, "items": 120, "accepted": 90, "agreed": 85,
                    "errorBound": 0.0931}]}
                """;

        // when
        CascadeCalibration loaded = CascadeCalibration.fromJson(v1, "old.json");

        // then
        assertThat(loaded).isEqualTo(CALIBRATION);
        assertThat(loaded.selection().family()).isEqualTo(Calibrator.Candidates.IN_ORDER);
        assertThat(loaded.selection().chosenCandidate().judges()).containsExactly(0, 1, 2);
        assertThat(loaded.deltaPerCandidate()).isEqualTo(0.05);
    }

    @Test
    void names_the_bad_field_of_the_selection() {
        String good = CHOSEN.toJson();
        assertBad(
                good.replace("\"chosen\" : 1", "\"chosen\" : 2"),
                "selection.chosen",
                "calibration c.json: field 'selection.chosen' must be between 0 and 1 but was 2");
        assertBad(
                good.replace("\"family\" : \"CASCADE_OR_STRONGEST\"", "\"family\" : \"BEST\""),
                "selection.family",
                "calibration c.json: field 'selection.family' must be one of [IN_ORDER, CASCADE_OR_STRONGEST, "
                        + "SUFFIXES, ENDING_WITH_STRONGEST, COST_PATH] but was \"BEST\"");
        assertBad(
                good.replace("\"skipped\" : true", "\"skipped\" : false"),
                "judges[0].skipped",
                "calibration c.json: field 'judges[0].skipped' must be true (the chosen candidate asks judges [1]) "
                        + "but was false");
        assertBad(
                good.replace("\"deltaPerCandidate\" : 0.05", "\"deltaPerCandidate\" : 0.1"),
                "selection.deltaPerCandidate",
                "calibration c.json: field 'selection.deltaPerCandidate' must be delta / the number of candidates "
                        + "= 0.05 but was 0.1");
    }

    private static void assertBad(String json, String field, String message) {
        assertThatThrownBy(() -> CascadeCalibration.fromJson(json, "c.json"))
                .isInstanceOf(CalibrationException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((CalibrationException) e).field()).isEqualTo(field));
    }

    @Test
    void rejects_inconsistent_counts_in_code_too() {
        assertThatThrownBy(() -> new CascadeCalibration(
                        0.1, 0.1, 30, 1000, 100, List.of(new JudgeCalibration("a", 0.9, 90, 10, 10, 0.1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("judges[0].items must be 100 (the items no earlier judge accepted) but was 90");
        assertThatThrownBy(() -> new JudgeCalibration("a", Double.POSITIVE_INFINITY, 90, 10, 10, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a judge that never accepts must have accepted=0 but was 10");
    }
}
