package dev.velocity.system;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/**
 * A service's two classpaths: its jar's ({@code BOOT-INF/lib}) and its tests' (the
 * build's maven-dependency-plugin writes it to {@code target/test-classpath.txt}).
 */
final class ServiceClasspaths {

	private static final Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();

	private ServiceClasspaths() {
	}

	/** The service's jar, as the build made it. */
	static Path jar(String service) {
		Path jar = projectDir.resolve(service).resolve("target/" + service + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: the build makes it before these tests");
		}
		return jar;
	}

	/** The file names in the jar's {@code BOOT-INF/lib}. */
	static Set<String> jarLibraries(String service) {
		try (ZipFile zip = new ZipFile(jar(service).toFile())) {
			return zip.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
				.map((name) -> name.substring("BOOT-INF/lib/".length()))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The dependencies the service's tests run with, in the build's order. */
	static List<Path> testDependencies(String service) {
		Path file = projectDir.resolve(service).resolve("target/test-classpath.txt");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(file + " is missing: the build writes it (maven-dependency-plugin's "
					+ "build-classpath) before the service's tests");
		}
		try {
			return Pattern.compile(Pattern.quote(File.pathSeparator))
				.splitAsStream(Files.readString(file).strip())
				.map(Path::of)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The artifact ids of the service's test dependencies that its jar does not hold.
	 * Each dependency is a jar in the local repository
	 * ({@code <group>/<artifact>/<version>/<file>}) or, for a module of this build,
	 * {@code <module>/target/<jar or classes>}: either way the directory two up is its
	 * artifact id; in {@code BOOT-INF/lib} it is the artifact id, a dash and the version.
	 */
	static Set<String> testOnly(String service) {
		Set<String> jar = jarLibraries(service);
		return testDependencies(service).stream()
			.map((dependency) -> dependency.getParent().getParent().getFileName().toString())
			.filter((artifact) -> jar.stream().noneMatch((library) -> isVersionOf(library, artifact)))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static boolean isVersionOf(String library, String artifact) {
		return library.startsWith(artifact + "-") && library.length() > artifact.length() + 1
				&& Character.isDigit(library.charAt(artifact.length() + 1));
	}

	/**
	 * A jar that holds only a manifest naming the service's main class (its jar's
	 * {@code Start-Class}) and, as its class path, exactly what the service's tests run
	 * with (its test classes, its classes and its test dependencies): {@code java -jar}
	 * on it starts the service as its tests have it, the way Surefire itself starts a
	 * test JVM.
	 * @param service the service's module
	 * @param directory where to write the jar
	 * @return the jar
	 */
	static Path testClasspathJar(String service, Path directory) {
		Path target = projectDir.resolve(service).resolve("target");
		List<Path> entries = new ArrayList<>(List.of(target.resolve("test-classes"), target.resolve("classes")));
		entries.addAll(testDependencies(service));
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, startClass(service));
		manifest.getMainAttributes()
			.put(Attributes.Name.CLASS_PATH,
					entries.stream().map((entry) -> entry.toUri().toString()).collect(Collectors.joining(" ")));
		Path jar = directory.resolve(service + "-test-classpath.jar");
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream ignored = new JarOutputStream(out, manifest)) {
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The application class Spring Boot's launcher starts in the service's jar. */
	private static String startClass(String service) {
		try (JarFile jar = new JarFile(jar(service).toFile())) {
			String startClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
			if (startClass == null) {
				throw new IllegalStateException(service + "'s jar names no Start-Class");
			}
			return startClass;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
