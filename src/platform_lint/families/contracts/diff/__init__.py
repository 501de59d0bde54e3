"""The contract diff engine: pure functions from two loaded contracts to classified changes."""
