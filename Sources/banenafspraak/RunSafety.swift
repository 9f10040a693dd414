#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import BanenafspraakBatch
import BanenafspraakIngest
import Dispatch

/// Process-level safety for the commands that run the batch: temporary files and half-written output
/// folders are removed at exit and on SIGINT and SIGTERM.
enum RunSafety {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the exit hook and the SIGINT/SIGTERM watchers (once).
    static func install() {
        guard sources.isEmpty else { return }
        atexit { RunCleanup.removeAll() }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                RunCleanup.removeAll()
                let text = "\nerror: interrupted by \(sig == SIGINT ? "SIGINT" : "SIGTERM"); temporary files removed, previous outputs left as they were\n"
                _ = text.withCString { write(2, $0, strlen($0)) }
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Opens `--out` for an all-or-nothing run (lock, staging folder); a problem is a message and exit status 1.
    static func openOutput(_ out: String, outputs: Set<String> = OutputFolder.knownOutputs, subfolders: Bool = false) throws -> OutputFolder {
        install()
        do { return try OutputFolder(out, outputs: outputs, subfolders: subfolders) } catch let e as IngestFileError {
            printError("error: \(e)")
            throw ExitCode(1)
        }
    }

    /// As ``openOutput(_:outputs:subfolders:)`` with the names a run writes given by `isOutput`.
    static func openOutput(_ out: String, isOutput: @escaping (String) -> Bool) throws -> OutputFolder {
        install()
        do { return try OutputFolder(out, isOutput: isOutput) } catch let e as IngestFileError {
            printError("error: \(e)")
            throw ExitCode(1)
        }
    }

    /// Runs `body` into `folder.staging`, then commits; on any failure the staging folder is removed, the
    /// previous outputs stay as they were, and the error is printed with exit status 1.
    static func fill<T>(_ folder: OutputFolder, afterSwap: () throws -> Void = {}, _ body: (String) throws -> T) throws -> T {
        do {
            let value = try body(folder.staging)
            try folder.commit(afterSwap: afterSwap)
            return value
        } catch let exit as ExitCode {
            folder.abandon()
            if exit != .success { printError("error: the run failed; \(folder.target) is as it was before the run") }
            throw exit
        } catch {
            folder.abandon()
            printError("error: \(error)")
            printError("error: the run failed; \(folder.target) is as it was before the run")
            throw ExitCode(1)
        }
    }
}
