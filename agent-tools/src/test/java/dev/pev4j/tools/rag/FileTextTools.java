package dev.pev4j.tools.rag;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.pev4j.spi.Toolkit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A test fixture: text files kept in memory, with tools whose vocabulary overlaps DataOps' (read, write, sort, count,
 * filter lines), for the Tool RAG tests and benchmark. Thread-safe.
 */
public final class FileTextTools implements Toolkit {

    private final Map<String, String> files = new ConcurrentSkipListMap<>();

    /** Adds a file. */
    public FileTextTools with(String path, String text) {
        files.put(path, text);
        return this;
    }

    private String file(String path) {
        String text = files.get(path);
        if (text == null) {
            throw new IllegalArgumentException("no file '" + path + "'; files: " + files.keySet());
        }
        return text;
    }

    @Tool(
            name = "list_files",
            value = "List the names of the files in the folder, optionally only those matching a "
                    + "glob such as *.txt.")
    public List<String> listFiles(
            @P(name = "glob", value = "a pattern such as *.log", required = false) @Nullable String glob) {
        if (glob == null) {
            return List.copyOf(files.keySet());
        }
        Pattern p = Pattern.compile(glob.replace(".", "\\.").replace("*", ".*").replace("?", "."));
        return files.keySet().stream().filter(n -> p.matcher(n).matches()).toList();
    }

    @Tool(name = "read_text", value = "Read a whole text file (a note, a log, a document) as one string.")
    public String readText(@P(name = "path", value = "the file name") String path) {
        return file(path);
    }

    @Tool(name = "write_text", value = "Write a string into a text file, creating or replacing it.")
    public String writeText(
            @P(name = "path", value = "the file name") String path,
            @P(name = "text", value = "the content") String text) {
        files.put(path, text);
        return path;
    }

    @Tool(name = "append_text", value = "Add text at the end of a text file, creating it when missing.")
    public String appendText(
            @P(name = "path", value = "the file name") String path,
            @P(name = "text", value = "the text to add") String text) {
        files.merge(path, text, String::concat);
        return path;
    }

    @Tool(name = "delete_file", value = "Delete a file from the folder.")
    public boolean deleteFile(@P(name = "path", value = "the file name") String path) {
        return files.remove(path) != null;
    }

    @Tool(name = "copy_file", value = "Copy a file to a new name, keeping the original.")
    public String copyFile(
            @P(name = "source", value = "the file to copy") String source,
            @P(name = "target", value = "the new file name") String target) {
        files.put(target, file(source));
        return target;
    }

    @Tool(name = "move_file", value = "Move or rename a file.")
    public String moveFile(
            @P(name = "source", value = "the file to move") String source,
            @P(name = "target", value = "its new name") String target) {
        files.put(target, file(source));
        files.remove(source);
        return target;
    }

    @Tool(name = "grep_lines", value = "The lines of a text file that match a regular expression, like grep.")
    public List<String> grepLines(
            @P(name = "path", value = "the file name") String path,
            @P(name = "pattern", value = "a regular expression, e.g. ERROR|WARN") String pattern) {
        Pattern p = Pattern.compile(pattern);
        return file(path).lines().filter(l -> p.matcher(l).find()).toList();
    }

    @Tool(name = "count_words", value = "Count the words of a text, like wc -w.")
    public int countWords(@P(name = "text", value = "the text, e.g. #E1") String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Tool(name = "count_lines", value = "Count the lines of a text, like wc -l.")
    public long countLines(@P(name = "text", value = "the text, e.g. #E1") String text) {
        return text.lines().count();
    }

    @Tool(name = "replace_text", value = "Replace every occurrence of a word or phrase in a text with another.")
    public String replaceText(
            @P(name = "text", value = "the text") String text,
            @P(name = "find", value = "what to replace") String find,
            @P(name = "replacement", value = "what to put instead") String replacement) {
        return text.replace(find, replacement);
    }

    @Tool(name = "split_lines", value = "Split a text into its lines, as a list.")
    public List<String> splitLines(@P(name = "text", value = "the text") String text) {
        return text.lines().toList();
    }

    @Tool(name = "sort_lines", value = "Sort a list of lines alphabetically, like the sort command.")
    public List<String> sortLines(
            @P(name = "lines", value = "the lines") List<String> lines,
            @P(name = "descending", value = "Z to A", required = false) @Nullable Boolean descending) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Boolean.TRUE.equals(descending) ? Comparator.reverseOrder() : Comparator.naturalOrder());
        return sorted;
    }

    @Tool(name = "unique_lines", value = "Remove repeated lines from a list, keeping the first of each, like uniq.")
    public List<String> uniqueLines(@P(name = "lines", value = "the lines") List<String> lines) {
        return List.copyOf(new LinkedHashSet<>(lines));
    }

    @Tool(name = "file_size", value = "The size of a file in bytes.")
    public long fileSize(@P(name = "path", value = "the file name") String path) {
        return file(path).getBytes(StandardCharsets.UTF_8).length;
    }

    @Tool(name = "zip_files", value = "Pack several files into one zip archive.")
    public String zipFiles(
            @P(name = "paths", value = "the files to pack") List<String> paths,
            @P(name = "archive", value = "the archive's name, e.g. logs.zip") String archive) {
        StringBuilder packed = new StringBuilder();
        for (String path : paths) {
            packed.append(path).append('\n').append(file(path)).append('\n');
        }
        files.put(archive, packed.toString());
        return archive;
    }

    @Tool(name = "diff_files", value = "The lines that differ between two text files, like diff.")
    public List<String> diffFiles(
            @P(name = "left", value = "the first file") String left,
            @P(name = "right", value = "the second file") String right) {
        List<String> a = file(left).lines().toList();
        List<String> b = file(right).lines().toList();
        List<String> out = new ArrayList<>();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> out.add("- " + l));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> out.add("+ " + l));
        return out;
    }

    @Override
    public Map<String, List<String>> toolDependencies() {
        return Map.of(
                "count_words", List.of("read_text"),
                "count_lines", List.of("read_text"),
                "split_lines", List.of("read_text"),
                "replace_text", List.of("read_text"),
                "sort_lines", List.of("split_lines"),
                "unique_lines", List.of("split_lines"));
    }

    @Override
    public Map<String, String> retrievalText() {
        Map<String, String> text = new java.util.HashMap<>(Map.of(
                "list_files", "ls, dir, which files are in the folder, directory listing",
                "read_text", "cat, open a document, note, log file, contents of a .txt or .ics file, load a file",
                "write_text",
                        "save a note, write a document, create a text file, save it as a file, write it to a"
                                + " file, store in a text file",
                "grep_lines", "grep, search a log for a word, find lines containing",
                "count_words", "wc -w, word count, how long is the document",
                "count_lines", "wc -l, line count, how many lines",
                "move_file", "mv, rename a file",
                "copy_file", "cp, duplicate a file, back up a file",
                "unique_lines", "uniq, dedupe lines, distinct lines",
                "zip_files", "zip, compress, archive, bundle files"));
        text.put("diff_files", "compare two files, what changed between, line by line differences");
        return text;
    }
}
