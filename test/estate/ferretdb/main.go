// Command sightline-ferretdb runs FerretDB 1.24 (SQLite backend) for the reference estate.
//
// Why our own main: a plain `go install .../cmd/ferretdb` panics because the release's
// generated build/version/version.txt is not in the module; the embeddable package has no
// such need. We stamp the real module version in ourselves so that `buildInfo` reports it.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

const ferretModule = "github.com/FerretDB/FerretDB"

// ferretVersion is the FerretDB module version this binary was built with (e.g. v1.24.2).
func ferretVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == ferretModule {
				return dep.Version
			}
		}
	}
	return "unknown"
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	defaultListen := "127.0.0.1:" + envOr("SIGHTLINE_MONGO_PORT", "57017")
	listen := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", defaultListen), "TCP address to listen on")
	sqliteURL := flag.String("sqlite-url", os.Getenv("FERRETDB_SQLITE_URL"), "SQLite URI of the data directory, e.g. file:/path/to/dir/")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "info"), "debug, info, warn or error")
	printVersion := flag.Bool("version", false, "print the FerretDB version and exit")
	ping := flag.String("ping", "", "readiness probe: connect to this MongoDB URI, run buildInfo, print the versions and exit")
	flag.Parse()

	if *printVersion {
		fmt.Println(ferretVersion())
		return
	}
	if *ping != "" {
		out, err := probe(*ping)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(out)
		return
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: parseLevel(*logLevel)}))
	if err := run(*listen, *sqliteURL, logger); err != nil {
		logger.Error("ferretdb failed", "error", err)
		os.Exit(1)
	}
}

func parseLevel(s string) slog.Level {
	var level slog.Level
	if err := level.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return level
}

func run(listen, sqliteURL string, logger *slog.Logger) error {
	// FerretDB's SQLite backend rejects a URL that does not name an existing directory
	// with a trailing slash; say so plainly instead of failing deep inside the handler.
	if !strings.HasPrefix(sqliteURL, "file:") || !strings.HasSuffix(sqliteURL, "/") {
		return fmt.Errorf("--sqlite-url must look like file:/some/dir/ (got %q)", sqliteURL)
	}
	dir := strings.TrimPrefix(sqliteURL, "file:")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("SQLite directory %q must exist", dir)
	}

	v := ferretVersion()
	version.Get().Version = v

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("starting FerretDB", "version", v, "listen", listen, "sqlite", sqliteURL)
	return f.Run(ctx)
}

// probe proves readiness with a real MongoDB wire handshake and command, not just an open port.
func probe(uri string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	opts := options.Client().ApplyURI(uri).SetServerSelectionTimeout(3 * time.Second).SetDirect(true)
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return "", err
	}
	defer client.Disconnect(context.Background()) //nolint:errcheck // best effort on the way out

	var info struct {
		Version         string `bson:"version"`
		FerretDBVersion string `bson:"ferretdbVersion"`
	}
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return "", err
	}
	if info.FerretDBVersion == "" {
		return "MongoDB " + info.Version, nil
	}
	return fmt.Sprintf("FerretDB %s (MongoDB %s wire)", strings.TrimPrefix(info.FerretDBVersion, "v"), info.Version), nil
}
