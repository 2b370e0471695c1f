public enum SceneModule {}
