"""Read queries of the store, one module per resource, behind ``pukara.store.view.View``."""
