# Homebrew formula for Docent's macOS release archive (Apple Silicon, Metal), as built by
# `./mvnw -Pdist -DskipTests package` on a Mac: dist/target/docent-VERSION-macos-arm64.tar.gz.
#
# Before publishing it in a tap, for each release replace the two placeholders:
#   url     where the release's docent-VERSION-macos-arm64.tar.gz is downloaded from
#   sha256  `shasum -a 256 docent-VERSION-macos-arm64.tar.gz`
# and set `version` to VERSION. Not run here: this project is built and tested on Linux, and
# neither macOS nor brew were available (see README, "Installing").
class Docent < Formula
  desc "Private document assistant: answers from your own files, with citations, offline"
  homepage "https://github.com/docent-dev/docent"
  url "https://github.com/docent-dev/docent/releases/download/v0.1.0/docent-0.1.0-macos-arm64.tar.gz"
  version "0.1.0"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"

  depends_on arch: :arm64
  depends_on :macos

  def install
    # The archive is self-contained (its own Java runtime in runtime/, jars and llama.cpp in app/,
    # the class cache app/docent.aot): kept whole in libexec, with bin/docent linked into PATH.
    # bin/docent follows the link back to libexec, so it finds its runtime from anywhere.
    libexec.install Dir["*"]
    bin.install_symlink libexec/"bin/docent"
  end

  def caveats
    <<~EOS
      Index a folder and open http://127.0.0.1:8080/:
        docent serve ~/Documents
      Keep it running in the background (a launchd agent, started at login, never as root):
        docent service install ~/Documents
    EOS
  end

  test do
    # The usage, printed by the bundled runtime (no Java needs to be installed).
    assert_match "Usage:", shell_output("#{bin}/docent --help")
    assert_path_exists libexec/"runtime/bin/java"
    refute_match "WARNING", shell_output("#{bin}/docent --help 2>&1")
    # An index of one small folder, answered from the command line, all in the test's sandbox.
    (testpath/"docs/leave.md").write "Every employee receives 27 days of paid annual leave per year.\n"
    system bin/"docent", "index", "--data", testpath/"data", testpath/"docs"
    assert_match "27 days", shell_output("#{bin}/docent ask --data #{testpath}/data 'How many days of leave?'")
  end
end
