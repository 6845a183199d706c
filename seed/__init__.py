"""The graph's seed data as YAML files (read by `graph_service.loading.seed_files`)."""
