package faceattr.cli;

import faceattr.attributes.LabelledPhoto;
import faceattr.attributes.LabelledPhotos;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where the labelled photos come from: {@code --positive DIR --negative DIR}, or {@code --labels CSV}. */
final class LabelledPhotoOptions {

    static final class Folders {
        @Option(names = "--positive", required = true, paramLabel = "DIR",
                description = "Folder of photos that show the attribute.")
        Path positive;

        @Option(names = "--negative", required = true, paramLabel = "DIR",
                description = "Folder of photos that do not show it.")
        Path negative;
    }

    @ArgGroup(exclusive = false)
    Folders folders;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "Instead of the folders: file,label rows (label 1/0, true/false, yes/no, positive/negative; "
                    + "files relative to the CSV's folder).")
    Path labels;

    List<LabelledPhoto> read() throws IOException {
        return folders != null ? LabelledPhotos.fromFolders(folders.positive, folders.negative)
                : LabelledPhotos.fromCsv(labels);
    }
}
